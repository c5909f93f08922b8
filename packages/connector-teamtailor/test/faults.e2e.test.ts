/**
 * Faults as an operator meets them: the built `baton-teamtailor` binary against the sandbox
 * (loopback) while it misbehaves. A failure exits with the documented code, prints one clear line
 * (no stack trace, no secret) and leaves the previous `--file` byte for byte as it was; a
 * recoverable fault is retried to a complete sync. Runs that wait out retries preload
 * `@c1/connector-sdk/testing/fast-retry-waits` (the real retry budgets on a 50 times faster clock).
 */
import { fileURLToPath } from 'node:url';
import { FAST_RETRY_WAITS, readLatestSyncContent, stormThenResume, type CliRunResult, type SyncContent } from '@c1/connector-sdk/testing';
import { armAt, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USERS = 100;
const REQUESTS = 1 + Math.ceil(USERS / 30);
const ATTEMPTS_PER_CALL = 5;
const USERS_PATH = 'GET /eu/v1/users';

describe('baton-teamtailor under faults', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let firstSync: SyncContent;

  const syncArgs = (baseUrl = sandbox.services.teamtailor.baseUrl) => ['--teamtailor-base-url', baseUrl, '-f', file];
  const keyEnv = (key = sandbox.services.teamtailor.apiKey) => ({ BATON_TEAMTAILOR_API_KEY: key });

  function expectCleanFailure(result: CliRunResult, code: number, message: RegExp | string): void {
    expect(fx.failureProblems(result, code, message), result.stderr).toEqual([]);
  }

  beforeAll(async () => {
    fx = await startSandboxFixture('teamtailor', { packageDir, sandbox: { seed: 11, teamtailor: { users: USERS, rateLimit: false } } });
    ({ fake: sandbox, file } = fx);
    const first = await fx.sync();
    expect(first.code, first.stderr).toBe(0);
    expect(fx.secretsShown(first)).toEqual([]);
    firstSync = await readLatestSyncContent(file);
    expect(firstSync.resources).toHaveLength(USERS);
    sandbox.resetRequestCounts();
  }, 60_000);

  afterEach(() => fx.reset());

  afterAll(async () => {
    await fx?.close();
  });

  it('refuses an unknown region with exit 2 before any request', async () => {
    expect(
      await fx.fileUnchangedBy(async () => {
        const result = await fx.run([...syncArgs(), '--teamtailor-region', 'us'], { env: keyEnv() });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain('--teamtailor-region / BATON_TEAMTAILOR_REGION');
      }),
    ).toBe(true);
    expect(sandbox.requestCount('teamtailor')).toBe(0);
  });

  it('gives up on a 5xx storm (exit 1, endpoint and status named), keeps the file, and the next run completes', async () => {
    const outcome = await stormThenResume(fx, {
      storm: {
        preloads: FAST_RETRY_WAITS,
        during: armAt(sandbox, 'teamtailor', USERS_PATH, 3, { serverErrors: 1_000, serverErrorStatus: 503 }),
      },
      countRequests: () => sandbox.requestCount('teamtailor', USERS_PATH),
      clearFaults: () => sandbox.setFaults({}, 'teamtailor'),
      expected: firstSync,
    });
    expectCleanFailure(outcome.storm, 1, 'Teamtailor GET /users failed with status 503: Service Unavailable: sandbox fault: injected 503');
    expect(outcome.requests).toBe(2 + ATTEMPTS_PER_CALL);
    expect(outcome.problems).toEqual([]);
  }, 60_000);

  it('retries a short 5xx burst and a short 429 storm to a complete sync, one extra request per fault', async () => {
    for (const faults of [{ serverErrors: 3 }, { rateLimited: 3 }]) {
      sandbox.resetRequestCounts();
      sandbox.setFaults(faults, 'teamtailor');
      const result = await fx.sync({ preloads: FAST_RETRY_WAITS });
      expect(result.code, result.stderr).toBe(0);
      expect(sandbox.requestCount('teamtailor', USERS_PATH), JSON.stringify(faults) + result.stderr).toBe(REQUESTS + 3);
      expect(await readLatestSyncContent(file)).toEqual(firstSync);
    }
  }, 60_000);

  it('names the key and region flags when the key is used in the other region (401)', async () => {
    expect(
      await fx.fileUnchangedBy(async () => {
        const result = await fx.run(syncArgs(sandbox.services.teamtailor.regionUrls.na), { env: keyEnv() });
        expectCleanFailure(
          result,
          1,
          /Teamtailor rejected the API key \(401\) - check --teamtailor-api-key \/ BATON_TEAMTAILOR_API_KEY and --teamtailor-region \/ BATON_TEAMTAILOR_REGION/,
        );
      }),
    ).toBe(true);
  });

  it('asks for an Admin scope key when the key has Public scope (403) or Internal scope (no login-email)', async () => {
    expect(
      await fx.fileUnchangedBy(async () => {
        const publicKey = await fx.run(syncArgs(), { env: keyEnv(sandbox.services.teamtailor.publicKey) });
        expectCleanFailure(publicKey, 1, /Teamtailor denied GET \/users to the API key \(403.*needs an Admin scope key/);
        const internal = await fx.run(syncArgs(), { env: keyEnv(sandbox.services.teamtailor.internalKey) });
        expectCleanFailure(
          internal,
          1,
          /Teamtailor listed users without login-email - reading users needs an Admin scope key; set --teamtailor-api-key/,
        );
      }),
    ).toBe(true);
    expect(sandbox.requestCount('teamtailor', USERS_PATH)).toBe(2);
  });
});
