/**
 * Faults as an operator meets them: the built `baton-ironclad` binary against the sandbox's fake
 * Ironclad (loopback) while it misbehaves. Each failure must exit 1 with one clear line naming
 * the problem (no stack trace, no secret) and leave the previous `--file` byte for byte as it
 * was; each recoverable fault must be retried to a complete sync.
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
  type RunConnectorCliOptions,
  type SyncContent,
} from '@c1/connector-sdk/testing';
import { armAt, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const USERS = 300;
const GROUPS = 12;
const BASELINE = { 'POST /oauth/token': 1, 'GET /scim/v2/Users': 2, 'GET /scim/v2/Groups': 2 };
const ATTEMPTS_PER_CALL = 5;
const WRONG_SECRET = 'wrong-secret-0123456789abcdef';

describe('baton-ironclad under faults', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let firstSync: SyncContent;

  const syncArgs = () => ['--ic-base-url', sandbox.services.ironclad.baseUrl, '-f', file, '--log-level', 'warn'];
  const credentials = (secret = sandbox.services.ironclad.clientSecret, clientId = sandbox.services.ironclad.clientId) => ({
    BATON_IC_CLIENT_ID: clientId,
    BATON_IC_CLIENT_SECRET: secret,
    BATON_IC_AS_USER_EMAIL: sandbox.services.ironclad.asUserEmail,
  });
  const runBinary = (args: string[], options: RunConnectorCliOptions = {}) => fx.run(args, options);
  const sync = (options: RunConnectorCliOptions = {}) => fx.sync(options);

  /** The run failed as an operator should see it: exit 1, one message line, no stack, no secret. */
  function expectCleanFailure(result: CliRunResult, message: RegExp | string): void {
    expect(fx.failureProblems(result, 1, message), result.stderr).toEqual([]);
  }

  function expectNoSecret(result: CliRunResult): void {
    expect(fx.secretsShown(result)).toEqual([]);
  }

  /** Runs `fails` and checks the previous file is byte-identical afterwards. */
  async function keepsPreviousFile(fails: () => Promise<void>): Promise<void> {
    expect(await fx.fileUnchangedBy(fails)).toBe(true);
  }

  /** A sync that must succeed and hold what the first one held. */
  async function expectCompleteSync(options: RunConnectorCliOptions = {}): Promise<void> {
    const result = await sync(options);
    expect(result.code, result.stderr).toBe(0);
    expectNoSecret(result);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }

  beforeAll(async () => {
    fx = await startSandboxFixture('ironclad', {
      packageDir,
      sandbox: { seed: 23, ironclad: { users: USERS, groups: GROUPS, rateLimits: false } },
    });
    ({ fake: sandbox, file } = fx);
    fx.secrets.push(WRONG_SECRET);
    const first = await sync();
    expect(first.code, first.stderr).toBe(0);
    expectNoSecret(first);
    expect(sandbox.requestCounts()).toEqual({ ironclad: BASELINE });
    firstSync = await readLatestSyncContent(file);
    expect(firstSync.resources).toHaveLength(USERS + GROUPS);
    sandbox.resetRequestCounts();
  }, 60_000);

  afterEach(() => fx.reset());

  afterAll(async () => {
    await fx?.close();
  });

  it('names --ic-client-secret / BATON_IC_CLIENT_SECRET for a wrong secret (403 unauthorized_client) and an unknown client (401)', async () => {
    await keepsPreviousFile(async () => {
      const wrongSecret = await runBinary(syncArgs(), { env: credentials(WRONG_SECRET) });
      expectCleanFailure(
        wrongSecret,
        /Ironclad refused a token to the client credentials \(403 unauthorized_client.*\) - check --ic-client-secret \/ BATON_IC_CLIENT_SECRET$/,
      );

      const unknownClient = await runBinary(syncArgs(), { env: credentials(WRONG_SECRET, 'no-such-client') });
      expectCleanFailure(
        unknownClient,
        /\(401 invalid_client.*--ic-client-secret \/ BATON_IC_CLIENT_SECRET.*--ic-client-id \/ BATON_IC_CLIENT_ID/,
      );
    });
    // A refused token is not asked for again.
    expect(sandbox.requestCounts()).toEqual({ ironclad: { 'POST /oauth/token': 2 } });
  });

  it('recovers from a 5xx burst on the token endpoint, asking for the token once per failure more', async () => {
    sandbox.setFaults({ serverErrors: 2 }, 'ironclad');
    await expectCompleteSync({ preloads: FAST_RETRY_WAITS });
    expect(sandbox.requestCounts()).toEqual({ ironclad: { ...BASELINE, 'POST /oauth/token': 1 + 2 } });
  });

  it('gives up on a 5xx storm on the token endpoint (exit 1, endpoint and status named), keeps the file, and the next run completes', async () => {
    sandbox.setFaults({ serverErrors: 1_000, serverErrorStatus: 503 }, 'ironclad');
    // Nothing was written before the token was refused, so the next run starts afresh.
    const outcome = await stormThenResume(fx, {
      storm: { preloads: FAST_RETRY_WAITS },
      countRequests: () => sandbox.requestCounts(),
      clearFaults: () => sandbox.setFaults({}, 'ironclad'),
      next: {},
      resumes: false,
      expected: firstSync,
    });
    expectCleanFailure(outcome.storm, /Ironclad POST \/(ironclad\/)?oauth\/token failed with status 503$/);
    expect(outcome.requests).toEqual({ ironclad: { 'POST /oauth/token': ATTEMPTS_PER_CALL } });
    expect(outcome.problems).toEqual([]);
  }, 40_000);

  it('retries a short 429 storm, a connection reset and a cut-short body on SCIM pages, one extra request per fault', async () => {
    await expectCompleteSync({
      preloads: FAST_RETRY_WAITS,
      during: armAt(sandbox, 'ironclad', 'GET /scim/v2/Users', 2, { rateLimited: 3 }),
    });
    expect(sandbox.requestCounts()).toEqual({ ironclad: { ...BASELINE, 'GET /scim/v2/Users': 2 + 3 } });

    sandbox.resetRequestCounts();
    await expectCompleteSync({
      preloads: FAST_RETRY_WAITS,
      during: armAt(sandbox, 'ironclad', 'GET /scim/v2/Groups', 2, { connectionResets: 1, truncatedBodies: 1 }),
    });
    expect(sandbox.requestCounts()).toEqual({ ironclad: { ...BASELINE, 'GET /scim/v2/Groups': 2 + 2 } });
  }, 30_000);

  it('fails on a SCIM page that breaks the schema, naming the endpoint and the field, without retrying it', async () => {
    await keepsPreviousFile(async () => {
      const result = await sync({ during: armAt(sandbox, 'ironclad', 'GET /scim/v2/Users', 2, { malformedBodies: 1 }) });
      expectCleanFailure(result, /Ironclad GET \/Users returned an unexpected response: Resources\[0\]\.id: /);
    });
    expect(sandbox.requestCount('ironclad', 'GET /scim/v2/Users')).toBe(2);
  }, 30_000);
});
