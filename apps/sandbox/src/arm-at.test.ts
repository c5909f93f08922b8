import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { armAt, waitForCount } from './arm-at.js';
import { startSandbox } from './sandbox.js';
import type { Sandbox } from './sandbox.js';

let sandbox: Sandbox;

function getUsers(): Promise<number> {
  const { baseUrl, token } = sandbox.services.ilert;
  return fetch(`${baseUrl}/users`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => {
    await response.text();
    return response.status;
  });
}

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 5, ilert: { users: 10, teams: 2, rateLimitPerMinute: false } });
});
afterEach(async () => {
  await sandbox.close();
});

describe('waitForCount', () => {
  it('resolves once the count reaches the target', async () => {
    let count = 0;
    const waiting = waitForCount(() => count, 3);
    count = 3;
    await expect(waiting).resolves.toBeUndefined();
  });

  it('rejects with the count it saw when the time runs out', async () => {
    await expect(waitForCount(() => 1, 2, 20)).rejects.toThrow('request count stayed at 1, expected 2');
  });
});

describe('armAt', () => {
  it('faults exactly the nth request to the endpoint, counted from the call, and the ones after it', async () => {
    expect(await getUsers()).toBe(200);
    const armed = armAt(sandbox, 'ilert', 'GET /users', 3, { serverErrors: 2, serverErrorStatus: 503 });
    const client = (async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 5; index++) statuses.push(await getUsers());
      return statuses;
    })();
    await armed();
    expect(await client).toEqual([200, 200, 503, 503, 200]);
  });
});
