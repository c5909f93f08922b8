import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRetryableCode } from '../errors/codes.js';
import { createHttpClient } from './client.js';
import { exampleClient as client, ORIGIN, rejection, TOKEN } from './example-client.test-support.js';
import { JSON_HEADERS, useMockAgent } from '../testing/mock-agent.js';
import { recordingLogger } from '../testing/recording-logger.js';
import type { HttpWait } from './types.js';

const User = v.object({ id: v.string(), email: v.string() });
const Users = v.array(User);

const mock = useMockAgent({ beforeEach, afterEach });

describe('requests', () => {
  it('sends auth and user agent to a path under the base URL and validates the body', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({
        path: '/api/users?start-index=0&max-results=2',
        method: 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, 'user-agent': 'baton-example/0.1.0' },
      })
      .reply(200, [{ id: '1', email: 'a@example.com', extra: true }], { headers: JSON_HEADERS });
    const { http } = client();
    const response = await http.get('/users', { schema: Users, searchParams: { 'start-index': 0, 'max-results': 2, skip: undefined } });
    expect(response.status).toBe(200);
    expect(response.data).toEqual([{ id: '1', email: 'a@example.com' }]);
    expect(response.url).toBe(`${ORIGIN}/api/users?start-index=0&max-results=2`);
    mock.agent.assertNoPendingInterceptors();
  });

  it('sends JSON and form bodies and returns undefined data without a schema', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/teams/1/members', method: 'POST', body: '{"user":"2"}', headers: { 'content-type': 'application/json' } })
      .reply(201, { ok: true }, { headers: JSON_HEADERS });
    mock.agent.get(ORIGIN).intercept({ path: '/api/forms', method: 'PUT', body: 'a=1&b=x+y' }).reply(204, '');
    const { http } = client();
    const created = await http.send('POST', 'teams/1/members', { json: { user: '2' } });
    expect(created.data).toBeUndefined();
    expect(created.status).toBe(201);
    const put = await http.send('PUT', 'forms', { form: { a: '1', b: 'x y' }, schema: v.undefined() });
    expect(put.status).toBe(204);
    mock.agent.assertNoPendingInterceptors();
  });

  it('names the endpoint and the field path when the response does not match its schema', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(
        200,
        [
          { id: '1', email: 'a' },
          { id: '2', email: 'b' },
          { id: '3', email: 'c' },
          { id: 4, email: 'd' },
        ],
        { headers: JSON_HEADERS },
      );
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/Users', method: 'GET' })
      .reply(200, { Resources: [{ id: 'x' }] }, { headers: JSON_HEADERS });
    const { http } = client();
    const error = await rejection(http.get('users', { schema: Users }));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('GET /users');
    expect(error.message).toContain('[3].id');
    const scim = await rejection(
      http.get('/Users', { schema: v.object({ Resources: v.array(v.object({ id: v.string(), userName: v.string() })) }) }),
    );
    expect(scim.message).toContain('GET /Users');
    expect(scim.message).toContain('Resources[0].userName');
  });

  it('reports a body that is not JSON', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users', method: 'GET' }).reply(200, '<html>maintenance</html>');
    const { http } = client();
    const error = await rejection(http.get('users', { schema: Users }));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('not JSON');
  });
});

describe('errors', () => {
  it.each([
    [400, 'invalid-argument'],
    [401, 'unauthenticated'],
    [403, 'permission-denied'],
    [404, 'not-found'],
    [408, 'deadline-exceeded'],
    [409, 'already-exists'],
    [422, 'invalid-argument'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [502, 'unavailable'],
  ] as const)('maps status %i to %s', async (status, code) => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/things', method: 'GET' })
      .reply(status, { message: `why ${status}` }, { headers: JSON_HEADERS });
    const { http } = client({ retry: { maxAttempts: 1 } });
    const error = await rejection(http.get('things', { schema: v.unknown() }));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.endpoint).toBe('GET /things');
    expect(error.apiMessage).toBe(`why ${status}`);
  });

  it('tells the operator which flag holds a rejected credential', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users', method: 'GET' }).reply(401, { message: 'bad token' }, { headers: JSON_HEADERS });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/teams', method: 'GET' })
      .reply(403, { detail: 'needs admin' }, { headers: JSON_HEADERS });
    const { http } = client();
    const unauthenticated = await rejection(http.get('users', { schema: v.unknown() }));
    expect(unauthenticated.message).toBe('example rejected the API token (401) - check --example-api-token / BATON_EXAMPLE_API_TOKEN');
    expect(unauthenticated.settingKey).toBe('example-api-token');
    const denied = await rejection(http.get('teams', { schema: v.unknown() }));
    expect(denied.code).toBe('permission-denied');
    expect(denied.message).toContain('--example-api-token / BATON_EXAMPLE_API_TOKEN');
    expect(denied.message).toContain('needs admin');
    expect(denied.settingKey).toBe('example-api-token');
  });

  it('reads the API message with a custom extractor and never repeats a secret', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(400, { errors: [{ title: `token ${TOKEN} is malformed` }] }, { headers: JSON_HEADERS });
    const { http } = client({ errorMessage: (body) => (body as { errors?: { title?: string }[] }).errors?.[0]?.title });
    const error = await rejection(http.get('users', { schema: v.unknown() }));
    expect(error.apiMessage).toBe('token [REDACTED] is malformed');
    expect(error.message).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});

describe('retries', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '7' } });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client();
    const response = await http.get('users', { schema: Users });
    expect(response.data).toEqual([]);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const { http, clock } = client();
    const at = new Date(clock.now() + 3000).toUTCString();
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': at } });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    await http.get('users', { schema: Users });
    expect(clock.sleeps).toEqual([3000]);
  });

  it('waits at least 10 s, growing and jittered up to 30 s, after a 429 without headers, and reports the limit when it gives up', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(429, { message: 'slow down' }, { headers: JSON_HEADERS })
      .times(4);
    const { http, clock } = client({ retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 } });
    const started = clock.now();
    const error = await rejection(http.get('users', { schema: Users }));
    // random() is 0.5: between half and all of 20 s, then of the 30 s cap.
    expect(clock.sleeps).toEqual([15_000, 22_500, 22_500]);
    expect(error.code).toBe('unavailable');
    expect(error.status).toBe(429);
    expect(error.attempts).toBe(4);
    expect(error.rateLimit?.remaining).toBe(0);
    expect(error.rateLimit?.resetAt?.getTime()).toBe(started + 60_000 + 60_000);
    mock.agent.assertNoPendingInterceptors();
  });

  it('holds the other requests as long as it waits after a 429 without headers', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(429, '');
    pool.intercept({ path: '/api/teams', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client({ retry: { maxAttempts: 1 } });
    await rejection(http.get('users', { schema: Users }));
    expect(clock.sleeps).toEqual([]);
    await http.get('teams', { schema: Users });
    expect(clock.sleeps).toEqual([15_000]);
  });

  it('treats a 429 whose Retry-After cannot be read like one without headers', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '1.5' } });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '-5' } });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client();
    await http.get('users', { schema: Users });
    expect(clock.sleeps).toEqual([15_000, 22_500]);
  });

  it('backs off normally after a 503 whose Retry-After cannot be read', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(503, '', { headers: { 'retry-after': '1.5' } });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client();
    await http.get('users', { schema: Users });
    expect(clock.sleeps).toEqual([500]);
  });

  it('retries a 5xx storm, then succeeds', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(503, 'busy').times(3);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [{ id: '1', email: 'e' }], { headers: JSON_HEADERS });
    const { http, clock } = client({ retry: { baseDelayMs: 10 } });
    const response = await http.get('users', { schema: Users });
    expect(response.data).toHaveLength(1);
    expect(clock.sleeps).toHaveLength(3);
  });

  it('gives up after maxAttempts of 5xx with an unavailable error', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(500, { message: 'boom' }, { headers: JSON_HEADERS })
      .times(5);
    const { http, clock } = client({ retry: { baseDelayMs: 10 } });
    const error = await rejection(http.get('users', { schema: Users }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe('example GET /users failed with status 500: boom');
    expect(clock.sleeps).toHaveLength(4);
    mock.agent.assertNoPendingInterceptors();
  });

  it('retries network errors on GET', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).replyWithError(new Error('socket hang up'));
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client({ retry: { baseDelayMs: 10 } });
    await http.get('users', { schema: Users });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('does not retry a POST after a 503, but does after a 429', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/things', method: 'POST' }).reply(503, '');
    const { http } = client();
    expect((await rejection(http.send('POST', 'things', { json: {} }))).code).toBe('unavailable');
    pool.intercept({ path: '/api/things', method: 'POST' }).reply(429, '', { headers: { 'retry-after': '1' } });
    pool.intercept({ path: '/api/things', method: 'POST' }).reply(201, '');
    expect((await http.send('POST', 'things', { json: {} })).status).toBe(201);
    mock.agent.assertNoPendingInterceptors();
  });

  it.each([
    ['Retry-After', { 'retry-after': '86400' }],
    ['a reset header', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '86400' }],
    ['an enormous Retry-After', { 'retry-after': '99999999999999999999' }],
  ])('fails at once, not to be retried, when %s asks for a wait longer than maxRateLimitWaitMs', async (_name, headers) => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(429, '', { headers });
    pool.intercept({ path: '/api/teams', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client({ retry: { maxRateLimitWaitMs: 300_000 } });
    const error = await rejection(http.get('users', { schema: Users }));
    expect(error.code).toBe('resource-exhausted');
    expect(isRetryableCode(error.code)).toBe(false);
    expect(error.status).toBe(429);
    expect(error.endpoint).toBe('GET /users');
    expect(error.attempts).toBe(1);
    expect(error.message).toMatch(/^example asks to wait \d+ s before the next request, longer than the 300 s this client waits/);
    expect(error.rateLimit?.resetAt?.getTime()).toBeGreaterThan(clock.now() + 300_000);
    expect(clock.sleeps).toEqual([]);
    // Nothing was paused for a wait the client refused.
    await http.get('teams', { schema: Users });
    expect(clock.sleeps).toEqual([]);
  });

  it('names the wait in the resource-exhausted message', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(503, '', { headers: { 'retry-after': '3600' } });
    const { http } = client({ retry: { maxRateLimitWaitMs: 60_000 } });
    const error = await rejection(http.get('users', { schema: Users }));
    expect(error.message).toBe(
      'example asks to wait 3600 s before the next request, longer than the 60 s this client waits (GET /users returned 503)',
    );
  });

  it('tells how many attempts it made on every error it throws', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(503, '').times(3);
    pool.intercept({ path: '/api/missing', method: 'GET' }).reply(404, '');
    pool.intercept({ path: '/api/things', method: 'POST' }).reply(503, '');
    pool.intercept({ path: '/api/flaky', method: 'GET' }).replyWithError(new Error('socket hang up')).times(2);
    pool.intercept({ path: '/api/bad', method: 'GET' }).reply(200, 'not json');
    const { http } = client({ retry: { maxAttempts: 3, baseDelayMs: 10 } });
    expect((await rejection(http.get('users', { schema: Users }))).attempts).toBe(3);
    expect((await rejection(http.get('missing', { schema: Users }))).attempts).toBe(1);
    expect((await rejection(http.send('POST', 'things', { json: {} }))).attempts).toBe(1);
    mock.agent.get(ORIGIN).intercept({ path: '/api/flaky', method: 'GET' }).reply(502, '');
    const flaky = await rejection(http.get('flaky', { schema: Users }));
    expect(flaky.attempts).toBe(3);
    expect(flaky.status).toBe(502);
    const bad = await rejection(http.get('bad', { schema: Users }));
    expect(bad.code).toBe('internal');
    expect(bad.attempts).toBe(1);
    mock.agent.assertNoPendingInterceptors();
  });

  it('turns a timeout into deadline-exceeded', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/slow', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS }).delay(300);
    const { http } = client({ timeoutMs: 20, retry: { maxAttempts: 1 } });
    const error = await rejection(http.get('slow', { schema: Users }));
    expect(error.code).toBe('deadline-exceeded');
    expect(error.message).toBe('example GET /slow timed out after 20 ms');
  });

  it('stops waiting when the caller aborts', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users', method: 'GET' }).reply(503, '');
    const controller = new AbortController();
    const http = createHttpClient({
      service: 'example',
      baseUrl: `${ORIGIN}/api`,
      userAgent: 'x/1',
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      timing: {
        now: Date.now,
        random: () => 1 - Number.EPSILON,
        sleep: (ms, signal) =>
          new Promise((_, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason));
            controller.abort(new Error('cancelled'));
          }),
      },
    });
    await expect(http.get('users', { schema: Users, signal: controller.signal })).rejects.toThrow('cancelled');
  });
});

describe('rate limiting', () => {
  it('spaces requests to the configured rate', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS }).times(5);
    const { http, clock } = client({ rateLimit: { requests: 2, intervalMs: 1000 } });
    for (let i = 0; i < 5; i++) await http.get('users', { schema: Users });
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('pauses until the reset when the API reports nothing remaining', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(200, [], { headers: { ...JSON_HEADERS, 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' } });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client();
    await http.get('users', { schema: Users });
    expect(clock.sleeps).toEqual([]);
    await http.get('users', { schema: Users });
    expect(clock.sleeps).toEqual([30_000]);
  });
});

describe('origin guard', () => {
  it('refuses an absolute URL of another origin and never contacts it', async () => {
    mock.agent.get('https://evil.example').intercept({ path: '/steal', method: 'GET' }).reply(200, []);
    const { http } = client();
    const error = await rejection(http.get('https://evil.example/steal', { schema: Users }));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('https://evil.example');
    expect(mock.agent.pendingInterceptors()).toHaveLength(1);
  });

  it('follows an absolute next link of the same origin', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users?page=2', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http } = client();
    const response = await http.get(`${ORIGIN}/api/users?page=2`, { schema: Users });
    expect(response.status).toBe(200);
  });

  it('follows a same-origin redirect and refuses one to another origin', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/old', method: 'GET' }).reply(301, '', { headers: { location: '/api/new' } });
    pool
      .intercept({ path: '/api/new', method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } })
      .reply(200, [], { headers: JSON_HEADERS });
    pool.intercept({ path: '/api/away', method: 'GET' }).reply(302, '', { headers: { location: 'https://evil.example/collect' } });
    mock.agent.get('https://evil.example').intercept({ path: '/collect', method: 'GET' }).reply(200, []);
    const { http } = client();
    const moved = await http.get('old', { schema: Users });
    expect(moved.url).toBe(`${ORIGIN}/api/new`);
    const error = await rejection(http.get('away', { schema: Users }));
    expect(error.code).toBe('failed-precondition');
    expect(error.message).toContain('https://evil.example');
    expect(mock.agent.pendingInterceptors().map((i) => i.origin)).toEqual(['https://evil.example']);
  });

  it('refuses a next link that carries a user name and password, without repeating them', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users?page=2', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http } = client();
    const error = await rejection(http.get('https://admin:hunter2pw@api.example.com/api/users?page=2', { schema: Users }));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('https://api.example.com/api/users');
    expect(error.message).not.toContain('hunter2pw');
    expect(error.message).not.toContain('admin');
    expect(mock.agent.pendingInterceptors()).toHaveLength(1);
  });

  it('refuses a redirect to a URL with a user name and password, without retrying or repeating them', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool
      .intercept({ path: '/api/old', method: 'GET' })
      .reply(302, '', { headers: { location: 'https://admin:hunter2pw@api.example.com/api/new' } });
    pool.intercept({ path: '/api/new', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const { http, clock } = client();
    const error = await rejection(http.get('old', { schema: Users }));
    expect(error.code).toBe('invalid-argument');
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('https://api.example.com/api/new');
    expect(error.message).not.toContain('hunter2pw');
    expect(clock.sleeps).toEqual([]);
    expect(mock.agent.pendingInterceptors()).toHaveLength(1);
  });

  it.each([
    'https://admin:hunter2pw@api.example.com/api',
    'http://admin:hunter2pw@127.0.0.1:8080',
    'https://admin:hunter2pw@api example.com/',
    'https://admin:hunter2pw/x@api example.com/',
  ])('refuses base URL %s without repeating its password', (baseUrl) => {
    let thrown: unknown;
    try {
      createHttpClient({ service: 'example', baseUrl, userAgent: 'x/1' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'invalid-argument' });
    expect((thrown as Error).message).not.toContain('hunter2pw');
  });

  it.each(['http://api.example.com', 'ftp://api.example.com', 'not a url'])('refuses base URL %s', (baseUrl) => {
    expect(() => createHttpClient({ service: 'example', baseUrl, userAgent: 'x/1' })).toThrow(
      expect.objectContaining({ code: 'invalid-argument' }),
    );
  });

  it('explains that https is required', () => {
    expect(() => createHttpClient({ service: 'example', baseUrl: 'http://api.example.com', userAgent: 'x/1' })).toThrow(/must use https/);
  });

  it.each(['http://127.0.0.1:8080/api', 'http://localhost:3000', 'http://[::1]:9000/x'])('allows loopback base URL %s', (baseUrl) => {
    expect(createHttpClient({ service: 'example', baseUrl, userAgent: 'x/1' }).baseUrl.protocol).toBe('http:');
  });
});

describe('logging', () => {
  it('logs method, path, status and duration, never a secret', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users?q=1', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(401, { message: `bad ${TOKEN}` }, { headers: JSON_HEADERS });
    const logger = recordingLogger();
    const { lines } = logger;
    const { http } = client({ logger });
    await http.get('users', { schema: Users, searchParams: { q: 1 } });
    await rejection(http.get('users', { schema: Users }));
    expect(lines[0]).toMatchObject({ level: 'debug', message: 'http request', fields: { method: 'GET', path: '/users', status: 200 } });
    expect(typeof lines[0]?.fields?.durationMs).toBe('number');
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain(TOKEN);
    expect(everything.toLowerCase()).not.toContain('authorization');
  });

  it('tells the operator at info level when it waits a second or more', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(429, '', { headers: { 'retry-after': '3' } });
    mock.agent.get(ORIGIN).intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    const logger = recordingLogger();
    const { lines } = logger;
    const { http } = client({ logger });
    await http.get('users', { schema: Users });
    const notable = lines.filter((line) => line.level === 'info');
    expect(notable.map((line) => line.message)).toContain('example rate limit reached, pausing requests');
    expect(notable.find((line) => line.message.includes('pausing'))?.fields).toMatchObject({ service: 'example', waitMs: 3000 });
  });
});

describe('wait announcements', () => {
  /** An onWait that records each wait and whether it had ended when the next request went out. */
  function recorder() {
    const events: string[] = [];
    const onWait = (wait: HttpWait) => {
      events.push(`start ${wait.reason} ${wait.waitMs}`);
      return () => void events.push(`end ${wait.reason}`);
    };
    return { events, onWait };
  }

  it('announces the wait a 429 asks for before sleeping, and its end before the retry', async () => {
    const { events, onWait } = recorder();
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '7' } });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(() => {
      events.push('retry sent');
      return { statusCode: 200, data: '[]', responseOptions: { headers: JSON_HEADERS } };
    });
    const waits: HttpWait[] = [];
    const { http, clock } = client({ onWait: (wait) => (waits.push(wait), onWait(wait)) });
    await http.get('users', { schema: Users });
    expect(events).toEqual(['start rate-limit 7000', 'end rate-limit', 'retry sent']);
    expect(waits[0]).toEqual({
      service: 'example',
      reason: 'rate-limit',
      waitMs: 7000,
      endsAt: clock.now(),
      endpoint: 'GET /users',
      status: 429,
    });
  });

  it('announces backoff after a 503 and client-side limiter waits, but not waits under a second', async () => {
    const { events, onWait } = recorder();
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(503, '');
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, [], { headers: JSON_HEADERS }).times(3);
    const { http, clock } = client({ onWait, rateLimit: { requests: 2, intervalMs: 1000 }, retry: { baseDelayMs: 3000 } });
    await http.get('users', { schema: Users }); // 503, backoff 1500 ms (random 0.5 of 3 s), then a slot
    await http.get('users', { schema: Users });
    await http.get('users', { schema: Users });
    expect(events).toEqual(['start retry 1500', 'end retry', 'start client-limit 1000', 'end client-limit']);
    expect(clock.sleeps).toEqual([1500, 1000]);
  });
});
