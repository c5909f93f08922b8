import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { createHttpClient } from './client.js';
import { oauth2ClientCredentials, type OAuth2ClientCredentialsOptions } from './oauth2.js';
import { fakeClock } from '../testing/fake-clock.js';
import { JSON_HEADERS, useMockAgent } from '../testing/mock-agent.js';
import { recordingLogger } from '../testing/recording-logger.js';
import type { HttpClientOptions } from './types.js';

const API = 'https://tenant.example.com';
const SECRET = 'client-secret-abcdef123456';
const Ok = v.object({ ok: v.boolean() });

const mock = useMockAgent({ beforeEach, afterEach });

function setup(overrides: Partial<OAuth2ClientCredentialsOptions> = {}, client: Partial<HttpClientOptions> = {}) {
  const clock = fakeClock();
  const logger = recordingLogger();
  const { lines } = logger;
  const http = createHttpClient({
    service: 'ironclad',
    baseUrl: `${API}/public/api/v1`,
    userAgent: 'baton-ironclad/0.1.0',
    credential: { name: 'client credentials', key: 'ic-client-secret', setting: '--ic-client-secret / BATON_IC_CLIENT_SECRET' },
    auth: oauth2ClientCredentials({
      tokenUrl: `${API}/oauth/token`,
      clientId: 'client-1',
      clientSecret: SECRET,
      scopes: ['public.users.readUsers', 'scim.users.readUsers'],
      ...overrides,
    }),
    logger,
    timing: clock,
    ...client,
  });
  return { http, clock, lines };
}

function tokenReply(token: string, expiresIn?: number) {
  return [
    200,
    { access_token: token, token_type: 'bearer', ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) },
    { headers: JSON_HEADERS },
  ] as const;
}

function expectToken(body: string) {
  return new URLSearchParams(body);
}

describe('oauth2ClientCredentials', () => {
  it('fetches a token with a form body once and reuses it', async () => {
    const pool = mock.agent.get(API);
    let tokenBody = '';
    pool
      .intercept({
        path: '/oauth/token',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: (body) => {
          tokenBody = body;
          return true;
        },
      })
      .reply(...tokenReply('access-token-one', 3600));
    pool
      .intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer access-token-one' } })
      .reply(200, { ok: true }, { headers: JSON_HEADERS })
      .times(2);
    const { http } = setup();
    await http.get('users', { schema: Ok });
    await http.get('users', { schema: Ok });
    const sent = expectToken(tokenBody);
    expect(Object.fromEntries(sent)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      client_secret: SECRET,
      scope: 'public.users.readUsers scim.users.readUsers',
    });
    mock.agent.assertNoPendingInterceptors();
  });

  it('sends a JSON body when asked', async () => {
    const pool = mock.agent.get(API);
    pool
      .intercept({
        path: '/oauth/token',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: (body) => (JSON.parse(body) as { grant_type?: string }).grant_type === 'client_credentials',
      })
      .reply(...tokenReply('json-token-1'));
    pool
      .intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer json-token-1' } })
      .reply(200, { ok: true }, { headers: JSON_HEADERS });
    const { http } = setup({ bodyFormat: 'json' });
    await http.get('users', { schema: Ok });
    mock.agent.assertNoPendingInterceptors();
  });

  it('renews the token a minute before it expires', async () => {
    const pool = mock.agent.get(API);
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('first-token', 600));
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('second-token', 600));
    pool
      .intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer first-token' } })
      .reply(200, { ok: true }, { headers: JSON_HEADERS })
      .times(2);
    pool
      .intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer second-token' } })
      .reply(200, { ok: true }, { headers: JSON_HEADERS });
    const { http, clock } = setup();
    await http.get('users', { schema: Ok });
    clock.advance(500_000);
    await http.get('users', { schema: Ok });
    clock.advance(41_000);
    await http.get('users', { schema: Ok });
    mock.agent.assertNoPendingInterceptors();
  });

  it('shares one token request between concurrent callers', async () => {
    const pool = mock.agent.get(API);
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('shared-token', 3600));
    pool
      .intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer shared-token' } })
      .reply(200, { ok: true }, { headers: JSON_HEADERS })
      .times(3);
    const { http } = setup();
    await Promise.all([1, 2, 3].map(() => http.get('users', { schema: Ok })));
    mock.agent.assertNoPendingInterceptors();
  });

  it('renews the token once after a 401 from the API, then reports a second 401', async () => {
    const pool = mock.agent.get(API);
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('revoked-token', 3600));
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('fresh-token', 3600));
    pool.intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer revoked-token' } }).reply(401, '');
    pool
      .intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer fresh-token' } })
      .reply(200, { ok: true }, { headers: JSON_HEADERS });
    const { http } = setup();
    expect((await http.get('users', { schema: Ok })).data).toEqual({ ok: true });

    pool.intercept({ path: '/public/api/v1/groups', method: 'GET' }).reply(401, '').times(2);
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('another-token', 3600));
    const error = (await http.get('groups', { schema: Ok }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toContain('--ic-client-secret / BATON_IC_CLIENT_SECRET');
    mock.agent.assertNoPendingInterceptors();
  });

  it.each([
    [401, { error: 'invalid_client', error_description: 'Client authentication failed' }, 'unauthenticated'],
    [400, { error: 'invalid_grant' }, 'unauthenticated'],
    [400, { error: 'invalid_scope', error_description: 'scope not allowed' }, 'permission-denied'],
    [403, { error: 'access_denied' }, 'permission-denied'],
  ] as const)('turns a %i token response into a clear %s error', async (status, body, code) => {
    mock.agent.get(API).intercept({ path: '/oauth/token', method: 'POST' }).reply(status, body, { headers: JSON_HEADERS });
    const { http, lines } = setup();
    const error = (await http.get('users', { schema: Ok }).catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(body.error);
    expect(error.message).toContain('--ic-client-secret / BATON_IC_CLIENT_SECRET');
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('retries a token endpoint outage', async () => {
    const pool = mock.agent.get(API);
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(503, 'down');
    pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('late-token', 3600));
    pool.intercept({ path: '/public/api/v1/users', method: 'POST' }).reply(201, '');
    const { http, clock } = setup();
    expect((await http.send('POST', 'users', { json: {} })).status).toBe(201);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('refuses a plain-http token URL', () => {
    expect(() => oauth2ClientCredentials({ tokenUrl: 'http://idp.example/token', clientId: 'a', clientSecret: 'b' })).toThrow(/https/);
  });

  describe('the token request goes through the client', () => {
    it('follows a redirect within the token endpoint origin, and refuses one elsewhere without sending the secret there', async () => {
      const pool = mock.agent.get(API);
      pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(307, '', { headers: { location: '/oauth/v2/token' } });
      pool
        .intercept({ path: '/oauth/v2/token', method: 'POST', body: (body) => body.includes(SECRET) })
        .reply(...tokenReply('moved-token', 3600));
      pool
        .intercept({ path: '/public/api/v1/users', method: 'GET', headers: { authorization: 'Bearer moved-token' } })
        .reply(200, { ok: true }, { headers: JSON_HEADERS });
      expect((await setup().http.get('users', { schema: Ok })).data).toEqual({ ok: true });

      pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(307, '', { headers: { location: 'https://elsewhere.example/token' } });
      const error = (await setup()
        .http.get('users', { schema: Ok })
        .catch((e: unknown) => e)) as ConnectorError;
      expect(error.message).toBe(
        'ironclad redirected POST /oauth/token to https://elsewhere.example; refusing to follow it with the ironclad credential (only https://tenant.example.com is trusted)',
      );
      mock.agent.assertNoPendingInterceptors(); // nothing was sent to elsewhere.example (net connect is off)
    });

    it("takes no slot of the API's client-side rate limit (the token endpoint is not part of the API's budget)", async () => {
      const pool = mock.agent.get(API);
      pool.intercept({ path: '/oauth/token', method: 'POST' }).reply(...tokenReply('limited-token', 3600));
      pool.intercept({ path: '/public/api/v1/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '5' } });
      pool.intercept({ path: '/public/api/v1/users', method: 'GET' }).reply(200, { ok: true }, { headers: JSON_HEADERS });
      const { http, clock } = setup({}, { rateLimit: { requests: 1, intervalMs: 2000 } });
      await http.get('users', { schema: Ok });
      expect(clock.sleeps).toEqual([5000]); // the Retry-After; neither the token request nor the retry waited for a slot
    });

    it('times out a token endpoint that does not answer, with the client timeout', async () => {
      mock.agent.get(API).intercept({ path: '/oauth/token', method: 'POST' }).reply(200, '{}').delay(500).times(5);
      const { http } = setup({}, { timeoutMs: 50, retry: { maxAttempts: 1 } });
      const error = (await http.get('users', { schema: Ok }).catch((e: unknown) => e)) as ConnectorError;
      expect(error.message).toBe('ironclad POST /oauth/token timed out after 50 ms');
      expect(error.code).toBe('deadline-exceeded');
    });
  });
});
