/**
 * Faults as an operator meets them: the built `baton-scalr` binary against the sandbox while it
 * misbehaves. A failure exits with the documented code, prints one clear line (no stack, no
 * secret) and leaves the previous `--file` byte for byte as it was; the next run completes.
 * Runs that wait out retries preload `fast-retry-waits` (the real retry budget, a faster clock).
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
} from '@c1/connector-sdk/testing';
import { armAt, startSandbox, type Sandbox } from '@c1/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const FAST_RETRY_WAITS = ['@c1/connector-sdk/testing/fast-retry-waits'];
const USERS = 300;
const SERVICE_ACCOUNTS = 5;
const MEMBERS = 'GET /acme/api/iacp/v3/account-users';
/** The HTTP client tries a request 5 times; the engine does not retry what it gave up on. */
const ATTEMPTS_PER_CALL = 5;
const WRONG_TOKEN = 'scalr_wrong_0123456789abcdef0123456789abcdef';

describe('baton-scalr under faults', () => {
  let sandbox: Sandbox;
  let dir: string;
  let file: string;
  let firstSync: SyncContent;

  const syncArgs = () => ['--scalr-account', 'acme', '--scalr-base-url', sandbox.services.scalr.baseUrl, '-f', file, '--log-level', 'warn'];
  const sync = (options: RunConnectorCliOptions = {}, token = sandbox.services.scalr.token) =>
    runConnectorCli(packageDir, syncArgs(), { env: { BATON_SCALR_API_TOKEN: token }, ...options });
  const expectCleanFailure = (result: CliRunResult, code: number, message: RegExp | string) => {
    const secrets = [sandbox.services.scalr.token, sandbox.services.scalr.restrictedToken, WRONG_TOKEN];
    expect(cleanFailureProblems(result, { binary: 'baton-scalr', code, message, secrets }), result.stderr).toEqual([]);
  };

  beforeAll(async () => {
    await ensureBuilt(packageDir);
    sandbox = await startSandbox({ seed: 11, scalr: { users: USERS, serviceAccounts: SERVICE_ACCOUNTS } });
    dir = await mkdtemp(join(tmpdir(), 'baton-scalr-faults-'));
    file = join(dir, 'sync.c1z');
    const first = await sync();
    expect(first.code, first.stderr).toBe(0);
    firstSync = await readLatestSyncContent(file);
    expect(firstSync.resources).toHaveLength(USERS + SERVICE_ACCOUNTS);
    sandbox.resetRequestCounts();
  }, 60_000);

  afterEach(() => {
    sandbox.setFaults({}, 'scalr');
    sandbox.resetRequestCounts();
  });

  afterAll(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a URL as --scalr-account with exit 2 and the expected form, before any request', async () => {
    expect(
      await fileUnchangedBy(file, async () => {
        const result = await runConnectorCli(packageDir, ['--scalr-account', 'https://acme.scalr.io', '-f', file], { env: { BATON_SCALR_API_TOKEN: 'x' } });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain("--scalr-account / BATON_SCALR_ACCOUNT must be the account's subdomain alone, such as 'acme'");
      }),
    ).toBe(true);
    expect(sandbox.requestCount('scalr')).toBe(0);
  });

  it('gives up on a 5xx storm (exit 1, endpoint and status named), keeps the file, and the next run completes', async () => {
    expect(
      await fileUnchangedBy(file, async () => {
        const storm = await sync({ preloads: FAST_RETRY_WAITS, during: armAt(sandbox, 'scalr', MEMBERS, 3, { serverErrors: 1_000, serverErrorStatus: 503 }) });
        expectCleanFailure(storm, 1, 'Scalr GET /account-users failed with status 503: Service Unavailable: sandbox fault: injected 503');
      }),
    ).toBe(true);
    expect(sandbox.requestCount('scalr', MEMBERS)).toBe(2 + ATTEMPTS_PER_CALL);
    sandbox.setFaults({}, 'scalr');
    const after = await sync();
    expect(after.code, after.stderr).toBe(0);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }, 60_000);

  it('retries a short 429 storm to a complete sync, one extra request per 429', async () => {
    sandbox.setFaults({ rateLimited: 3 }, 'scalr');
    const result = await sync({ preloads: FAST_RETRY_WAITS });
    expect(result.code, result.stderr).toBe(0);
    expect(sandbox.requestCount('scalr')).toBe(1 + 2 + Math.ceil(USERS / 100) + 1 + 3);
    expect(await readLatestSyncContent(file)).toEqual(firstSync);
  }, 60_000);

  it('names the flags on a 401 and on the 404 a token without permission gets, keeping the file', async () => {
    expect(
      await fileUnchangedBy(file, async () => {
        expectCleanFailure(await sync({}, WRONG_TOKEN), 1, 'Scalr rejected the API token (401) - check --scalr-api-token / BATON_SCALR_API_TOKEN');
        expectCleanFailure(
          await sync({}, sandbox.services.scalr.restrictedToken),
          1,
          /the token cannot read users in account acme, or the account does not exist - check --scalr-account \/ BATON_SCALR_ACCOUNT.*--scalr-api-token \/ BATON_SCALR_API_TOKEN/,
        );
      }),
    ).toBe(true);
  });
});
