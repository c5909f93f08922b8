/**
 * Faults as an operator meets them: the built `baton-ilert` binary against the sandbox
 * (loopback) while it misbehaves. Each failure must exit with the documented code, print one
 * clear line naming the problem (no stack trace, no secret) and leave the previous `--file`
 * byte for byte as it was; each recoverable fault must be retried to a complete sync.
 *
 * Runs that wait out retries preload `@c1/connector-sdk/testing/fast-retry-waits`, which runs
 * the CLI's 0.5-60 s timers 50 times faster: the retry budgets are the real ones, only the clock
 * is quicker.
 */
import { fileURLToPath } from 'node:url';
import {
  FAST_RETRY_WAITS,
  readLatestSyncContent,
  stormThenResume,
  type CliRunResult,
  type E2eSyncOptions,
  type RunConnectorCliOptions,
  type SyncContent,
} from '@c1/connector-sdk/testing';
import { armAt, startSandboxFixture, waitForCount, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const USERS = 300;
const TEAMS = 30;
/** Pages of 100 until a short one: 0, 100, 200, 300 (empty). */
const USER_PAGES = Math.floor(USERS / 100) + 1;
/** validate reads one user and one team, then the sync lists every page. */
const USER_REQUESTS = 1 + USER_PAGES;
const TEAM_REQUESTS = 1 + 1;
/** The HTTP client tries a request 5 times; the sync engine does not retry what it gave up on. */
const ATTEMPTS_PER_CALL = 5;

describe('baton-ilert under faults', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let firstSync: SyncContent;

  const syncArgs = () => ['--ilert-base-url', sandbox.services.ilert.baseUrl, '-f', file, '--log-level', 'warn'];
  const tokenEnv = (token = sandbox.services.ilert.token) => ({ BATON_ILERT_API_TOKEN: token });
  const runBinary = (args: string[], options: RunConnectorCliOptions = {}) => fx.run(args, options);
  const sync = (options: E2eSyncOptions = {}) => fx.sync(options);

  /** The run failed as an operator should see it: `code`, one message line, no stack, no secret. */
  function expectCleanFailure(result: CliRunResult, code: number, message: RegExp | string): void {
    expect(fx.failureProblems(result, code, message), result.stderr).toEqual([]);
  }

  function expectNoSecret(result: CliRunResult): void {
    expect(fx.secretsShown(result)).toEqual([]);
  }

  /** Runs `fails` and checks the previous file is byte-identical afterwards. */
  async function keepsPreviousFile(fails: () => Promise<void>): Promise<void> {
    expect(await fx.fileUnchangedBy(fails)).toBe(true);
  }

  beforeAll(async () => {
    fx = await startSandboxFixture('ilert', {
      packageDir,
      sandbox: { seed: 11, ilert: { users: USERS, teams: TEAMS, rateLimitPerMinute: false } },
    });
    ({ fake: sandbox, file } = fx);
    fx.secrets.push(WRONG_TOKEN);
    const first = await sync();
    expect(first.code, first.stderr).toBe(0);
    expectNoSecret(first);
    firstSync = await readLatestSyncContent(file);
    expect(firstSync.resources).toHaveLength(USERS + TEAMS);
    sandbox.resetRequestCounts();
  }, 60_000);

  afterEach(() => fx.reset());

  afterAll(async () => {
    await fx?.close();
  });

  it('refuses bad flags with exit 2, naming each problem, before touching the file', async () => {
    await keepsPreviousFile(async () => {
      const result = await runBinary(['--ilert-base-url', sandbox.services.ilert.baseUrl, '-f', file, '--ilert-api-tokn', 'x']);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('--ilert-api-tokn');
      expect(result.stderr).toContain('--ilert-api-token / BATON_ILERT_API_TOKEN');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    });
    expect(sandbox.requestCount('ilert')).toBe(0);
  });

  it('gives up on a 5xx storm that outlasts the retries (exit 1, endpoint and status named), keeps the file, and the next run completes', async () => {
    // The storm starts at the second page of users, after the first page was written.
    const outcome = await stormThenResume(fx, {
      storm: {
        preloads: FAST_RETRY_WAITS,
        during: armAt(sandbox, 'ilert', 'GET /users', 3, { serverErrors: 1_000, serverErrorStatus: 503 }),
      },
      countRequests: () => sandbox.requestCount('ilert', 'GET /users'),
      clearFaults: () => sandbox.setFaults({}, 'ilert'),
      expected: firstSync,
    });
    expectCleanFailure(outcome.storm, 1, 'ilert GET /users failed with status 503: sandbox fault: injected 503');
    expect(outcome.requests).toBe(2 + ATTEMPTS_PER_CALL);
    expect(outcome.problems).toEqual([]);
  }, 60_000);

  it('retries a short 5xx burst and a short 429 storm to a complete sync, one extra request per fault', async () => {
    for (const faults of [{ serverErrors: 4 }, { rateLimited: 4 }]) {
      sandbox.resetRequestCounts();
      sandbox.setFaults(faults, 'ilert');
      const result = await sync({ preloads: FAST_RETRY_WAITS });
      expect(result.code, result.stderr).toBe(0);
      expectNoSecret(result);
      expect(sandbox.requestCount('ilert', 'GET /users')).toBe(USER_REQUESTS + 4);
      expect(sandbox.requestCount('ilert', 'GET /teams')).toBe(TEAM_REQUESTS);
      expect(await readLatestSyncContent(file)).toEqual(firstSync);
    }
  }, 30_000);

  it('retries connection resets and a page whose body was cut short', async () => {
    const resets = await sync({ preloads: FAST_RETRY_WAITS, during: armAt(sandbox, 'ilert', 'GET /users', 3, { connectionResets: 2 }) });
    expect(resets.code, resets.stderr).toBe(0);
    expect(sandbox.requestCount('ilert', 'GET /users')).toBe(USER_REQUESTS + 2);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);

    sandbox.resetRequestCounts();
    const truncated = await sync({ preloads: FAST_RETRY_WAITS, during: armAt(sandbox, 'ilert', 'GET /teams', 2, { truncatedBodies: 1 }) });
    expect(truncated.code, truncated.stderr).toBe(0);
    expect(sandbox.requestCount('ilert', 'GET /teams')).toBe(TEAM_REQUESTS + 1);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }, 30_000);

  it('names --ilert-api-token / BATON_ILERT_API_TOKEN when the token is rejected (401) or lacks access (403)', async () => {
    await keepsPreviousFile(async () => {
      const rejected = await runBinary(syncArgs(), { env: tokenEnv(WRONG_TOKEN) });
      expectCleanFailure(rejected, 1, 'ilert rejected the API token (401) - check --ilert-api-token / BATON_ILERT_API_TOKEN');

      const restricted = await runBinary(syncArgs(), { env: tokenEnv(sandbox.services.ilert.restrictedToken) });
      expectCleanFailure(restricted, 1, /ilert denied GET \/teams to the API token \(403.*--ilert-api-token \/ BATON_ILERT_API_TOKEN/);
    });
    // Neither is retried: one users probe each, and the restricted one's teams probe.
    expect(sandbox.requestCounts()).toEqual({ ilert: { 'GET /users': 2, 'GET /teams': 1 } });
  });

  it('fails on a page that breaks the schema, naming the endpoint and the field, without retrying it', async () => {
    await keepsPreviousFile(async () => {
      const users = await sync({ during: armAt(sandbox, 'ilert', 'GET /users', 3, { malformedBodies: 1 }) });
      expectCleanFailure(users, 1, 'ilert GET /users returned an unexpected response: [0].id: expected an integer id');
      expect(sandbox.requestCount('ilert', 'GET /users')).toBe(3);

      const teams = await sync({ during: armAt(sandbox, 'ilert', 'GET /teams', 2, { malformedBodies: 1 }) });
      expectCleanFailure(teams, 1, 'ilert GET /teams returned an unexpected response: [0].id: expected an integer id');
    });
    sandbox.setFaults({}, 'ilert');
    const after = await sync();
    expect(after.code, after.stderr).toBe(0);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }, 30_000);

  it('stops on SIGINT with exit 130 and a hint to resume; the rerun resumes to the same content', async () => {
    await keepsPreviousFile(async () => {
      sandbox.setFaults({ latencyMs: 150 }, 'ilert');
      const interrupted = await sync({
        during: async (child) => {
          await waitForCount(() => sandbox.requestCount('ilert', 'GET /users'), 3);
          child.kill('SIGINT');
        },
      });
      expectCleanFailure(interrupted, 130, 'baton-ilert: sync interrupted; run the same command again to resume');
    });
    sandbox.setFaults({}, 'ilert');
    const resumed = await sync({ logLevel: 'info' });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('(resumed)');
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }, 30_000);
});

/** A well-formed token the sandbox does not know. */
const WRONG_TOKEN = 'ilk_wrong_0123456789abcdef0123456789abcdef';
