import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A C1 client id and secret made for a test, with the public key that checks the client's proofs. */
export function testCredentials(tenantHost = 'acme.conductor.one'): {
  clientId: string;
  clientSecret: string;
  publicKey: KeyObject;
  d: string;
} {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    clientId: `my-connector@${tenantHost}/pcc`,
    clientSecret: `secret-token:conductorone.com:v1:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`,
    publicKey: createPublicKey(privateKey),
    d: String(jwk.d),
  };
}
