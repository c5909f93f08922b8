import { randomBytes, sign } from 'node:crypto';
import type { C1Credentials } from './credentials.js';

/** How long a client assertion is valid either side of now, as baton-sdk signs them. */
const ASSERTION_SKEW_SECONDS = 120;

const base64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');

/** The tenant host without a port: the assertion's audience. */
export function audienceOf(tokenHost: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(tokenHost);
  if (bracketed) return bracketed[1] ?? tokenHost;
  const colon = tokenHost.lastIndexOf(':');
  return colon > 0 && tokenHost.indexOf(':') === colon ? tokenHost.slice(0, colon) : tokenHost;
}

/**
 * The compact JWS (EdDSA, Ed25519) a client sends to prove it holds the secret: `iss` and
 * `sub` are the client id, `aud` the tenant host without its port, valid from two minutes
 * before `now` to two minutes after, with a random nonce in the protected header.
 */
export function createClientAssertion(credentials: C1Credentials, now: Date = new Date()): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const header = { alg: 'EdDSA', nonce: randomBytes(16).toString('base64url') };
  const claims = {
    iss: credentials.clientId,
    sub: credentials.clientId,
    aud: [audienceOf(credentials.tokenHost)],
    exp: seconds + ASSERTION_SKEW_SECONDS,
    iat: seconds,
    nbf: seconds - ASSERTION_SKEW_SECONDS,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign(null, Buffer.from(signingInput), credentials.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}
