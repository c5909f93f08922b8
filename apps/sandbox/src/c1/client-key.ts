import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';

/** A C1 client credential the fake issued: the id, the secret (holding a private JWK), and the public half it checks proofs with. */
export interface IssuedClient {
  clientId: string;
  clientSecret: string;
  publicKey: KeyObject;
}

/** Makes a client id `<name>@<tenant host>/<suffix>` and an Ed25519 secret in C1's `secret-token:...:v1:` format. */
export function issueClient(name: string, tenantHost: string): IssuedClient {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const clientSecret = `secret-token:conductorone.com:v1:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
  return { clientId: `${name}@${tenantHost}/${randomBytes(6).toString('hex')}`, clientSecret, publicKey: createPublicKey(privateKey) };
}

/** A secret of the right shape for another key: what a wrong client secret looks like. */
export function otherSecret(): string {
  return issueClient('other', 'other.invalid').clientSecret;
}

/** Why a client assertion was refused, or undefined when it holds. */
export function assertionProblem(assertion: string, client: IssuedClient, audience: string, nowSeconds: number): string | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return 'not a compact JWS';
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart);
  const claims = decodeJson(claimsPart);
  if (!header || !claims) return 'unreadable JWS';
  if (header['alg'] !== 'EdDSA') return 'alg is not EdDSA';
  if (typeof header['nonce'] !== 'string' || header['nonce'] === '') return 'no nonce';
  const signed = verify(null, Buffer.from(`${headerPart}.${claimsPart}`), client.publicKey, Buffer.from(signaturePart, 'base64url'));
  if (!signed) return 'bad signature';
  if (claims['iss'] !== client.clientId || claims['sub'] !== client.clientId) return 'iss/sub is not the client id';
  const aud = claims['aud'];
  if (!Array.isArray(aud) || !aud.includes(audience)) return `aud does not name ${audience}`;
  const exp = Number(claims['exp']);
  const nbf = Number(claims['nbf']);
  if (!(exp > nowSeconds) || !(nbf <= nowSeconds)) return 'outside its validity window';
  return undefined;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
