import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from './body.js';
import { exampleClient as client, ORIGIN, rejection } from './example-client.test-support.js';
import { oauth2ClientCredentials } from './oauth2.js';
import { gzipBombBody } from '../testing/hostile-server.js';
import { JSON_HEADERS, useMockAgent } from '../testing/mock-agent.js';

const MiB = 1024 * 1024;

const mock = useMockAgent({ beforeEach, afterEach });

/** A JSON array of `bytes` bytes. */
function jsonOf(bytes: number): string {
  return `["${'x'.repeat(bytes - 4)}"]`;
}

const TOO_LARGE =
  'example GET /users returned a response body larger than 1 MiB, the most this client reads (maxResponseBytes); stopped reading it';

describe('response body cap', () => {
  it('is 64 MiB unless the client says otherwise', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(64 * MiB);
  });

  it('reads a body of exactly the cap', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/api/users', method: 'GET' }).reply(200, jsonOf(MiB), { headers: JSON_HEADERS });
    const { http } = client({ maxResponseBytes: MiB });
    const response = await http.get('users', { schema: v.array(v.string()) });
    expect(response.data[0]).toHaveLength(MiB - 4);
  });

  it('fails a larger body once, naming the service, the endpoint and the option, without retrying', async () => {
    const pool = mock.agent.get(ORIGIN);
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, jsonOf(MiB + 1), { headers: JSON_HEADERS });
    pool.intercept({ path: '/api/users', method: 'GET' }).reply(200, '[]', { headers: JSON_HEADERS });
    const { http, clock } = client({ maxResponseBytes: MiB });
    const error = await rejection(http.get('users', { schema: v.unknown() }));
    expect(error.message).toBe(TOO_LARGE);
    expect(error.code).toBe('resource-exhausted');
    expect(error.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect(mock.agent.pendingInterceptors()).toHaveLength(1); // the second reply was never asked for
  });

  it('fails at once on a declared content-length over the cap', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(200, jsonOf(2 * MiB), { headers: { ...JSON_HEADERS, 'content-length': String(2 * MiB) } });
    const { http } = client({ maxResponseBytes: MiB });
    expect((await rejection(http.get('users', { schema: v.unknown() }))).message).toBe(TOO_LARGE);
  });

  it('caps the body of an error response as well', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(500, jsonOf(2 * MiB), { headers: JSON_HEADERS });
    const { http, clock } = client({ maxResponseBytes: MiB });
    expect((await rejection(http.get('users', { schema: v.unknown() }))).message).toBe(TOO_LARGE);
    expect(clock.sleeps).toEqual([]);
  });

  it('counts decompressed bytes and stops a gzip bomb near the cap instead of inflating it', async () => {
    const [bomb = Buffer.alloc(0)] = (await gzipBombBody(256 * MiB)).chunks;
    expect(bomb.length).toBeLessThan(MiB);
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/users', method: 'GET' })
      .reply(200, bomb, { headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' } });
    const { http } = client({ maxResponseBytes: MiB });
    const rssBefore = process.memoryUsage().rss;
    const error = await rejection(http.get('users', { schema: v.unknown() }));
    const grewBy = process.memoryUsage().rss - rssBefore;
    expect(error.message).toBe(TOO_LARGE);
    expect(grewBy).toBeLessThan(128 * MiB); // inflating it whole would take 256 MiB and more
  });

  it('caps the OAuth token response', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(200, jsonOf(2 * MiB), { headers: JSON_HEADERS });
    const auth = oauth2ClientCredentials({ tokenUrl: `${ORIGIN}/oauth/token`, clientId: 'id', clientSecret: 'secret-body-cap-77' });
    const { http } = client({ auth, maxResponseBytes: MiB });
    const error = await rejection(http.get('users', { schema: v.unknown() }));
    expect(error.message).toBe(TOO_LARGE.replace('GET /users', 'POST /oauth/token'));
    expect(error.attempts).toBe(1);
  });

  it('refuses a cap that is not a positive whole number of bytes', () => {
    expect(() => client({ maxResponseBytes: 0 })).toThrow('maxResponseBytes must be a whole number of bytes, 1 or more');
  });
});
