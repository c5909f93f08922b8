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
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cleanFailureProblems,
  ensureBuilt,
  fileUnchangedBy,
  readLatestSyncContent,
  runConnectorCli,
  type CliRunResult,
  type RunConnectorCliOptions,
  type SyncContent,
  secretsShown,
} from '@c1/connector-sdk/testing';
import { armAt, startSandbox, type Sandbox } from '@c1/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** Preloads that wait out retries 50 times faster. */
const FAST_RETRY_WAITS = ['@c1/connector-sdk/testing/fast-retry-waits'];

const USERS = 300;
const GROUPS = 12;
/** One token; validate probes users and groups once each, then one page of each (1000 per page). */
const BASELINE = { 'POST /oauth/token': 1, 'GET /scim/v2/Users': 2, 'GET /scim/v2/Groups': 2 };
/** The HTTP client tries a request 5 times; the sync engine does not retry what it gave up on. */
const ATTEMPTS_PER_CALL = 5;
/** A secret the sandbox does not know. */
const WRONG_SECRET = 'wrong-secret-0123456789abcdef';

describe('baton-ironclad under faults', () => {
  let sandbox: Sandbox;
  let dir: string;
  let file: string;
  let firstSync: SyncContent;

  const syncArgs = () => ['--ic-base-url', sandbox.services.ironclad.baseUrl, '-f', file, '--log-level', 'warn'];
  const credentials = (secret = sandbox.services.ironclad.clientSecret, clientId = sandbox.services.ironclad.clientId) => ({
    BATON_IC_CLIENT_ID: clientId,
    BATON_IC_CLIENT_SECRET: secret,
    BATON_IC_AS_USER_EMAIL: sandbox.services.ironclad.asUserEmail,
  });
  const runBinary = (args: string[], options: RunConnectorCliOptions = {}) => runConnectorCli(packageDir, args, options);
  const sync = (options: RunConnectorCliOptions = {}) => runBinary(syncArgs(), { env: credentials(), ...options });

  const secrets = (): string[] => [sandbox.services.ironclad.clientSecret, WRONG_SECRET];

  /** The run failed as an operator should see it: exit 1, one message line, no stack, no secret. */
  function expectCleanFailure(result: CliRunResult, message: RegExp | string): void {
    expect(cleanFailureProblems(result, { binary: 'baton-ironclad', code: 1, message, secrets: secrets() }), result.stderr).toEqual([]);
  }

  function expectNoSecret(result: CliRunResult): void {
    expect(secretsShown(result, secrets())).toEqual([]);
  }

  /** Runs `fails` and checks the previous file is byte-identical afterwards. */
  async function keepsPreviousFile(fails: () => Promise<void>): Promise<void> {
    expect(await fileUnchangedBy(file, fails)).toBe(true);
  }

  /** A sync that must succeed and hold what the first one held. */
  async function expectCompleteSync(options: RunConnectorCliOptions = {}): Promise<void> {
    const result = await sync(options);
    expect(result.code, result.stderr).toBe(0);
    expectNoSecret(result);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }

  beforeAll(async () => {
    await ensureBuilt(packageDir);
    sandbox = await startSandbox({ seed: 23, ironclad: { users: USERS, groups: GROUPS, rateLimits: false } });
    dir = await mkdtemp(join(tmpdir(), 'baton-ironclad-faults-'));
    file = join(dir, 'sync.c1z');
    const first = await sync();
    expect(first.code, first.stderr).toBe(0);
    expectNoSecret(first);
    expect(sandbox.requestCounts()).toEqual({ ironclad: BASELINE });
    firstSync = await readLatestSyncContent(file);
    expect(firstSync.resources).toHaveLength(USERS + GROUPS);
    sandbox.resetRequestCounts();
  }, 60_000);

  afterEach(() => {
    sandbox.setFaults({}, 'ironclad');
    sandbox.resetRequestCounts();
  });

  afterAll(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names --ic-client-secret / BATON_IC_CLIENT_SECRET for a wrong secret (403 unauthorized_client) and an unknown client (401)', async () => {
    await keepsPreviousFile(async () => {
      const wrongSecret = await runBinary(syncArgs(), { env: credentials(WRONG_SECRET) });
      expectCleanFailure(wrongSecret, /Ironclad refused a token to the client credentials \(403 unauthorized_client.*\) - check --ic-client-secret \/ BATON_IC_CLIENT_SECRET$/);

      const unknownClient = await runBinary(syncArgs(), { env: credentials(WRONG_SECRET, 'no-such-client') });
      expectCleanFailure(unknownClient, /\(401 invalid_client.*--ic-client-secret \/ BATON_IC_CLIENT_SECRET.*--ic-client-id \/ BATON_IC_CLIENT_ID/);
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
    await keepsPreviousFile(async () => {
      sandbox.setFaults({ serverErrors: 1_000, serverErrorStatus: 503 }, 'ironclad');
      const storm = await sync({ preloads: FAST_RETRY_WAITS });
      expectCleanFailure(storm, /Ironclad POST \/(ironclad\/)?oauth\/token failed with status 503$/);
    });
    expect(sandbox.requestCounts()).toEqual({ ironclad: { 'POST /oauth/token': ATTEMPTS_PER_CALL } });

    sandbox.setFaults({}, 'ironclad');
    await expectCompleteSync();
  }, 40_000);

  it('retries a short 429 storm, a connection reset and a cut-short body on SCIM pages, one extra request per fault', async () => {
    await expectCompleteSync({ preloads: FAST_RETRY_WAITS, during: armAt(sandbox, 'ironclad', 'GET /scim/v2/Users', 2, { rateLimited: 3 }) });
    expect(sandbox.requestCounts()).toEqual({ ironclad: { ...BASELINE, 'GET /scim/v2/Users': 2 + 3 } });

    sandbox.resetRequestCounts();
    await expectCompleteSync({ preloads: FAST_RETRY_WAITS, during: armAt(sandbox, 'ironclad', 'GET /scim/v2/Groups', 2, { connectionResets: 1, truncatedBodies: 1 }) });
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
