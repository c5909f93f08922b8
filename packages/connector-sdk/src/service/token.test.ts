import { verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audienceOf } from './assertion.js';
import { parseC1Credentials } from './credentials.js';
import { createMockAgent, type MockAgent } from '../testing/mock-agent.js';
import { testCredentials } from './test-credentials.test-support.js';
import { C1AuthError, C1TokenSource } from './token.js';

const ORIGIN = 'https://127.0.0.1:9443';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('C1 token exchange', () => {
  let agent: MockAgent;
  let creds: ReturnType<typeof testCredentials>;
  let source: C1TokenSource;
  let now: number;

  beforeEach(() => {
    agent = createMockAgent();
    creds = testCredentials('acme.conductor.one:8443');
    now = NOW;
    source = new C1TokenSource({
      credentials: parseC1Credentials(creds.clientId, creds.clientSecret),
      address: '127.0.0.1:9443',
      dispatcher: agent,
      now: () => now,
    });
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('posts a client_credentials form with an EdDSA assertion that the public key verifies', async () => {
    let form = new URLSearchParams();
    agent
      .get(ORIGIN)
      .intercept({ path: '/auth/v1/token', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      .reply(200, (options) => {
        form = new URLSearchParams(String(options.body));
        return { access_token: 'tok-1', token_type: 'bearer', expires_in: 3600 };
      });
    const token = await source.token();
    expect(token.authorization).toBe('Bearer tok-1');
    expect(form.get('client_id')).toBe(creds.clientId);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const [header = '', claims = '', signature = ''] = (form.get('client_assertion') ?? '').split('.');
    expect(verify(null, Buffer.from(`${header}.${claims}`), creds.publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(decode(header)).toMatchObject({ alg: 'EdDSA', nonce: expect.any(String) });
    const seconds = NOW / 1000;
    expect(decode(claims)).toEqual({
      iss: creds.clientId,
      sub: creds.clientId,
      aud: ['acme.conductor.one'],
      exp: seconds + 120,
      iat: seconds,
      nbf: seconds - 120,
    });
  });

  it('reuses a token until shortly before it expires, then fetches another', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/auth/v1/token', method: 'POST' }).reply(200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 60 });
    pool.intercept({ path: '/auth/v1/token', method: 'POST' }).reply(200, { access_token: 'tok-2', token_type: 'Bearer', expires_in: 60 });
    expect((await source.token()).authorization).toBe('Bearer tok-1');
    now += 30_000;
    expect((await source.token()).authorization).toBe('Bearer tok-1');
    now += 25_000;
    expect((await source.token()).authorization).toBe('Bearer tok-2');
  });

  it('turns a refusal or an empty token into a C1AuthError without the secret', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/auth/v1/token', method: 'POST' }).reply(401, { error: 'invalid_client' });
    pool.intercept({ path: '/auth/v1/token', method: 'POST' }).reply(200, { access_token: '', token_type: 'Bearer' });
    const refused = await source.token().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(C1AuthError);
    expect(refused).toMatchObject({ status: 401, message: 'C1 refused the client credentials (401)' });
    await expect(source.token()).rejects.toThrow('C1 issued no access token');
    expect(String((refused as Error).message)).not.toContain(creds.d);
  });

  it('takes the audience from the client id without its port', () => {
    expect(audienceOf('acme.conductor.one:8443')).toBe('acme.conductor.one');
    expect(audienceOf('acme.conductor.one')).toBe('acme.conductor.one');
    expect(audienceOf('[::1]:8443')).toBe('::1');
  });
});
