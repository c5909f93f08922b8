/**
 * Faults as an operator meets them: the built `baton-scalr` binary against the sandbox while it
 * misbehaves. A failure exits with the documented code, prints one clear line (no stack, no
 * secret) and leaves the previous `--file` byte for byte as it was; the next run completes.
 * Runs that wait out retries preload `fast-retry-waits` (the real retry budget, a faster clock).
 */
import { fileURLToPath } from 'node:url';
import { FAST_RETRY_WAITS, readLatestSyncContent, stormThenResume, type CliRunResult, type SyncContent } from '@c1/connector-sdk/testing';
import { armAt, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USERS = 300;
const SERVICE_ACCOUNTS = 5;
const MEMBERS = 'GET /acme/api/iacp/v3/account-users';
/** The HTTP client tries a request 5 times; the engine does not retry what it gave up on. */
const ATTEMPTS_PER_CALL = 5;
const WRONG_TOKEN = 'scalr_wrong_0123456789abcdef0123456789abcdef';

describe('baton-scalr under faults', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let firstSync: SyncContent;

  const expectCleanFailure = (result: CliRunResult, code: number, message: RegExp | string) => {
    expect(fx.failureProblems(result, code, message), result.stderr).toEqual([]);
  };

  beforeAll(async () => {
    fx = await startSandboxFixture('scalr', {
      packageDir,
      sandbox: { seed: 11, scalr: { users: USERS, serviceAccounts: SERVICE_ACCOUNTS } },
    });
    ({ fake: sandbox, file } = fx);
    fx.secrets.push(WRONG_TOKEN);
    const first = await fx.sync();
    expect(first.code, first.stderr).toBe(0);
    firstSync = await readLatestSyncContent(file);
    expect(firstSync.resources).toHaveLength(USERS + SERVICE_ACCOUNTS);
    sandbox.resetRequestCounts();
  }, 60_000);

  afterEach(() => fx.reset());

  afterAll(async () => {
    await fx?.close();
  });

  it('refuses a URL as --scalr-account with exit 2 and the expected form, before any request', async () => {
    expect(
      await fx.fileUnchangedBy(async () => {
        const result = await fx.run(['--scalr-account', 'https://acme.scalr.io', '-f', file], { env: { BATON_SCALR_API_TOKEN: 'x' } });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain("--scalr-account / BATON_SCALR_ACCOUNT must be the account's subdomain alone, such as 'acme'");
      }),
    ).toBe(true);
    expect(sandbox.requestCount('scalr')).toBe(0);
  });

  it('gives up on a 5xx storm (exit 1, endpoint and status named), keeps the file, and the next run completes', async () => {
    const outcome = await stormThenResume(fx, {
      storm: { preloads: FAST_RETRY_WAITS, during: armAt(sandbox, 'scalr', MEMBERS, 3, { serverErrors: 1_000, serverErrorStatus: 503 }) },
      countRequests: () => sandbox.requestCount('scalr', MEMBERS),
      clearFaults: () => sandbox.setFaults({}, 'scalr'),
      expected: firstSync,
    });
    expectCleanFailure(
      outcome.storm,
      1,
      'Scalr GET /account-users failed with status 503: Service Unavailable: sandbox fault: injected 503',
    );
    expect(outcome.requests).toBe(2 + ATTEMPTS_PER_CALL);
    expect(outcome.problems).toEqual([]);
  }, 60_000);

  it('retries a short 429 storm to a complete sync, one extra request per 429', async () => {
    sandbox.setFaults({ rateLimited: 3 }, 'scalr');
    const result = await fx.sync({ preloads: FAST_RETRY_WAITS });
    expect(result.code, result.stderr).toBe(0);
    expect(sandbox.requestCount('scalr')).toBe(1 + 2 + Math.ceil(USERS / 100) + 1 + 3);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }, 60_000);

  it('names the flags on a 401 and on the 404 a token without permission gets, keeping the file', async () => {
    expect(
      await fx.fileUnchangedBy(async () => {
        expectCleanFailure(
          await fx.sync({ env: { BATON_SCALR_API_TOKEN: WRONG_TOKEN } }),
          1,
          'Scalr rejected the API token (401) - check --scalr-api-token / BATON_SCALR_API_TOKEN',
        );
        expectCleanFailure(
          await fx.sync({ env: { BATON_SCALR_API_TOKEN: sandbox.services.scalr.restrictedToken } }),
          1,
          /the token cannot read users in account acme, or the account does not exist - check --scalr-account \/ BATON_SCALR_ACCOUNT.*--scalr-api-token \/ BATON_SCALR_API_TOKEN/,
        );
      }),
    ).toBe(true);
  });
});
