import type { KeyObject } from 'node:crypto';

/** Why a C1 client id or secret was refused; the message never contains the secret. */
export class C1CredentialError extends Error {
  override readonly name = 'C1CredentialError';
  /** `client-id` or `client-secret`: the flag whose value is malformed. */
  readonly field: 'client-id' | 'client-secret';

  constructor(field: 'client-id' | 'client-secret', message: string) {
    super(message);
    this.field = field;
  }
}

/** A parsed C1 client credential: who the connector is, where C1 is, and the key that proves it. */
export interface C1Credentials {
  /** The whole client id, as sent in the token request and the assertion's `iss`/`sub`. */
  clientId: string;
  /** The part before `@`, sent in the gRPC user agent. */
  name: string;
  /** The tenant's address after `@` and before `/` (`acme.conductor.one`, may carry a port). */
  tokenHost: string;
  /** The Ed25519 private key of the client secret's JWK. */
  privateKey: KeyObject;
}

/** The ways a C1 client secret starts; the third part names the format version. */
const SECRET_VERSION = 'v1';

/**
 * Parses `<name>@<tenant host>/<suffix>` (the suffix is not read), as baton-sdk does: split
 * at the first `@`, then at the first `/`.
 */
export function parseClientId(clientId: string): { name: string; tokenHost: string } {
  const at = clientId.indexOf('@');
  const rest = at < 0 ? '' : clientId.slice(at + 1);
  const slash = rest.indexOf('/');
  const name = clientId.slice(0, Math.max(at, 0));
  const tokenHost = slash < 0 ? '' : rest.slice(0, slash);
  if (at < 0 || slash < 0 || name === '' || tokenHost === '') {
    throw new C1CredentialError('client-id', 'is not a C1 client id; expected <name>@<tenant>.conductor.one/<suffix>');
  }
  return { name, tokenHost };
}

/**
 * Parses `secret-token:conductorone.com:v1:<base64url Ed25519 private JWK>` into its key. The
 * first two parts are not checked, as in baton-sdk; a wrong shape, version or key is refused
 * with a message that never repeats the value.
 */
export function parseClientSecret(secret: string): KeyObject {
  const parts = secret.split(':');
  if (parts.length !== 4 || parts[2] !== SECRET_VERSION) {
    throw new C1CredentialError('client-secret', 'is not a C1 client secret; expected secret-token:conductorone.com:v1:<key>');
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(Buffer.from(parts[3] ?? '', 'base64url').toString('utf8'));
  } catch {
    throw new C1CredentialError('client-secret', 'holds no readable key (its last part must be base64url JSON)');
  }
  if (!isPrivateEd25519Jwk(jwk)) {
    throw new C1CredentialError('client-secret', 'holds no Ed25519 private key');
  }
  try {
    // Loaded here, not at the top: the standard flags' checks import this module, and --help
    // should not pay for node:crypto.
    const { createPrivateKey } = process.getBuiltinModule('node:crypto');
    return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, format: 'jwk' });
  } catch {
    throw new C1CredentialError('client-secret', 'holds an invalid Ed25519 private key');
  }
}

function isPrivateEd25519Jwk(value: unknown): value is { x: string; d: string } {
  if (value === null || typeof value !== 'object') return false;
  const jwk = value as Record<string, unknown>;
  return jwk['kty'] === 'OKP' && jwk['crv'] === 'Ed25519' && typeof jwk['x'] === 'string' && typeof jwk['d'] === 'string';
}

/** Parses both halves of a C1 client credential. */
export function parseC1Credentials(clientId: string, clientSecret: string): C1Credentials {
  const { name, tokenHost } = parseClientId(clientId);
  return { clientId, name, tokenHost, privateKey: parseClientSecret(clientSecret) };
}
