import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.js';
import type { Sandbox } from './sandbox.js';

let sandbox: Sandbox;

function get(path: string): Promise<Response> {
  const { baseUrl, token } = sandbox.services.ilert;
  return fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** The network error code under a failed fetch (`ECONNRESET`, `UND_ERR_SOCKET`, ...), or the message. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).message;
  }
  return 'no failure';
}

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 9, ilert: { users: 120, teams: 5, rateLimitPerMinute: false } });
});
afterEach(async () => {
  await sandbox.close();
});

describe('fault switches', () => {
  it('fails the next N requests with a cycle of 500, 502, 503 in the vendor error format', async () => {
    sandbox.setFaults({ serverErrors: 4 }, 'ilert');
    const statuses: number[] = [];
    for (let index = 0; index < 5; index++) {
      const response = await get('/users');
      statuses.push(response.status);
      if (response.status >= 500)
        expect(await response.json()).toMatchObject({ status: response.status, message: expect.any(String), code: expect.any(String) });
      else await response.text();
    }
    expect(statuses).toEqual([500, 502, 503, 500, 200]);
  });

  it('can pin the 5xx status', async () => {
    sandbox.setFaults({ serverErrors: 2, serverErrorStatus: 503 });
    expect([(await get('/users')).status, (await get('/users')).status, (await get('/users')).status]).toEqual([503, 503, 200]);
  });

  it('answers a 429 storm without rate-limit headers', async () => {
    sandbox.setFaults({ rateLimited: 2 });
    const first = await get('/teams');
    expect(first.status).toBe(429);
    expect(await first.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect([...first.headers.keys()].filter((name) => /rate|retry/i.test(name))).toEqual([]);
    expect((await get('/teams')).status).toBe(429);
    expect((await get('/teams')).status).toBe(200);
  });

  it('resets the connection of the next N requests', async () => {
    sandbox.setFaults({ connectionResets: 1 });
    expect(await failure(get('/users'))).toBe('ECONNRESET');
    expect((await get('/users')).status).toBe(200);
  });

  it('sends half a body and drops the connection', async () => {
    sandbox.setFaults({ truncatedBodies: 1 });
    const response = await get('/users?max-results=100');
    expect(response.status).toBe(200);
    const declared = Number(response.headers.get('content-length'));
    expect(declared).toBeGreaterThan(1000);
    expect(await failure(response.text())).not.toBe('no failure');
    const whole = await get('/users?max-results=100');
    expect((await whole.text()).length).toBe(declared);
  });

  it("breaks the next N pages' first id, leaving error answers and id-less bodies alone", async () => {
    sandbox.setFaults({ malformedBodies: 1, serverErrors: 1 });
    expect((await get('/users')).status).toBe(500);
    const broken = (await (await get('/users?max-results=3')).json()) as { id: unknown }[];
    expect(broken.map((user) => user.id)).toEqual([null, expect.any(Number), expect.any(Number)]);
    const whole = (await (await get('/users?max-results=3')).json()) as { id: unknown }[];
    expect(whole[0]?.id).toEqual(expect.any(Number));
  });

  it('adds latency to every response until switched off', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await (await get('/users/current')).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    sandbox.setFaults({});
    const prompt = await get('/users/current');
    expect(prompt.status).toBe(200);
  });

  it('arms faults at start, per service replacing the sandbox-wide ones', async () => {
    const statusOf = async (other: Sandbox): Promise<number> => {
      const { baseUrl, token } = other.services.ilert;
      return (await fetch(`${baseUrl}/users`, { headers: { authorization: `Bearer ${token}` } })).status;
    };
    const wide = await startSandbox({ ilert: { users: 3, teams: 1 }, faults: { rateLimited: 1 } });
    const perService = await startSandbox({
      ilert: { users: 3, teams: 1, faults: { serverErrors: 1, serverErrorStatus: 502 } },
      faults: { rateLimited: 1 },
    });
    try {
      expect(await statusOf(wide)).toBe(429);
      expect(await statusOf(perService)).toBe(502);
      expect(await statusOf(perService)).toBe(200);
    } finally {
      await Promise.all([wide.close(), perService.close()]);
    }
  });

  it('rejects nonsense fault values', () => {
    expect(() => sandbox.setFaults({ serverErrors: -1 })).toThrow(RangeError);
    expect(() => sandbox.setFaults({ latencyMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('request counting', () => {
  it('counts every request per service and per path, faulted and refused ones included', async () => {
    const { baseUrl } = sandbox.services.ilert;
    await (await get('/users')).text();
    await (await get('/users?start-index=50')).text();
    await (await get('/users/current')).text();
    sandbox.setFaults({ serverErrors: 1 });
    await (await get('/teams')).text();
    await (await fetch(`${baseUrl}/teams`)).text();

    expect(sandbox.requestCount()).toBe(5);
    expect(sandbox.requestCount('ilert')).toBe(5);
    expect(sandbox.requestCount('ilert', '/users')).toBe(2);
    expect(sandbox.requestCount('ilert', 'GET /teams')).toBe(2);
    expect(sandbox.requestCount('ilert', 'POST /teams')).toBe(0);
    expect(sandbox.requestCounts()).toEqual({ ilert: { 'GET /users': 2, 'GET /users/current': 1, 'GET /teams': 2 } });

    sandbox.resetRequestCounts();
    expect(sandbox.requestCount()).toBe(0);
  });
});

describe('control API', () => {
  it('reports counts and sets faults for callers in another process', async () => {
    await (await get('/users')).text();
    const put = await fetch(`${sandbox.url}/_sandbox/faults?service=ilert`, {
      method: 'PUT',
      body: '{"serverErrors":1,"serverErrorStatus":500}',
    });
    expect(put.status).toBe(204);
    expect((await get('/users')).status).toBe(500);

    const counts = await fetch(`${sandbox.url}/_sandbox/requests`);
    expect(await counts.json()).toEqual({ total: 2, services: { ilert: { 'GET /users': 2 } } });
    expect((await fetch(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(sandbox.requestCount()).toBe(0);

    const bad = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', body: '{"serverErrors":"many"}' });
    expect(bad.status).toBe(400);
    const unknownService = await fetch(`${sandbox.url}/_sandbox/faults?service=nope`, { method: 'PUT', body: '{}' });
    expect(unknownService.status).toBe(400);
  });

  it('answers 404 outside any service mount', async () => {
    const response = await fetch(`${sandbox.url}/scalr/api/v2/users`);
    expect(response.status).toBe(404);
  });
});
