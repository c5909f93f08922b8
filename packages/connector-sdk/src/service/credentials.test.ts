import { describe, expect, it } from 'vitest';
import { c1Address } from './address.js';
import { C1CredentialError, parseC1Credentials, parseClientId, parseClientSecret } from './credentials.js';
import { testCredentials } from './test-credentials.test-support.js';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('C1 client credentials', () => {
  it('splits the client id at the first @ and the first / after it, as baton-sdk', () => {
    expect(parseClientId('connector@acme.conductor.one/pcc/extra')).toEqual({ name: 'connector', tokenHost: 'acme.conductor.one' });
    expect(parseClientId('a@b@127.0.0.1:8443/x')).toEqual({ name: 'a', tokenHost: 'b@127.0.0.1:8443' });
  });

  it.each(['connector', 'connector@acme.conductor.one', '@acme.conductor.one/x', 'connector@/x'])('refuses the client id %j', (id) => {
    expect(() => parseClientId(id)).toThrow(C1CredentialError);
  });

  it('reads the Ed25519 key of a v1 secret', () => {
    const { clientId, clientSecret } = testCredentials();
    const credentials = parseC1Credentials(clientId, clientSecret);
    expect(credentials).toMatchObject({ clientId, name: 'my-connector', tokenHost: 'acme.conductor.one' });
    expect(credentials.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(credentials.privateKey.type).toBe('private');
  });

  it('refuses malformed secrets without repeating them', () => {
    const { d } = testCredentials();
    const cases = [
      'just-a-token',
      'secret-token:conductorone.com:v2:abc',
      'secret-token:conductorone.com:v1:!!not-base64-json',
      `secret-token:conductorone.com:v1:${encode({ kty: 'RSA', n: 'x', e: 'AQAB', d })}`,
      `secret-token:conductorone.com:v1:${encode({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })}`,
      `secret-token:conductorone.com:v1:${encode({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA' })}`,
    ];
    for (const secret of cases) {
      let error: unknown;
      try {
        parseClientSecret(secret);
      } catch (caught) {
        error = caught;
      }
      expect(error, secret).toBeInstanceOf(C1CredentialError);
      expect((error as C1CredentialError).field).toBe('client-secret');
      expect((error as Error).message).not.toContain(secret.split(':')[3] ?? secret);
      expect((error as Error).message).not.toContain(d);
    }
  });

  it('dials the tenant host on 443, or BATON_C1_API_HOST when set', () => {
    expect(c1Address('acme.conductor.one', {})).toBe('acme.conductor.one:443');
    expect(c1Address('acme.conductor.one:8443', {})).toBe('acme.conductor.one:8443');
    expect(c1Address('acme.conductor.one', { BATON_C1_API_HOST: '127.0.0.1:9443' })).toBe('127.0.0.1:9443');
    expect(c1Address('acme.conductor.one', { BATON_C1_API_HOST: 'c1.internal' })).toBe('c1.internal:443');
  });
});
