/**
 * Failures as an operator meets them: the built `baton-rudderstack` binary against the sandbox
 * (loopback) while it misbehaves or is misconfigured. Each failure exits with the documented
 * code, prints one clear line (no stack trace, no secret) and leaves the previous `--file` byte
 * for byte as it was; after a fault the next run completes with the same content.
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
import { armAt, startSandbox, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const ATTEMPTS_PER_CALL = 5;
const TOKEN_MESSAGE = 'needs an organization-level Service Access Token';

describe('baton-rudderstack under faults and bad settings', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let disabled: Sandbox;
  let file: string;
  let firstSync: SyncContent;

  const syncArgs = (baseUrl = sandbox.services.rudderstack.baseUrl, logLevel = 'warn') => [
    '--rudderstack-scim-base-url',
    baseUrl,
    '-f',
    file,
    '--log-level',
    logLevel,
  ];
  const tokenEnv = (token = sandbox.services.rudderstack.token) => ({ BATON_RUDDERSTACK_SCIM_TOKEN: token });
  const runBinary = (args: string[], options: RunConnectorCliOptions = {}) => fx.run(args, options);

  function expectCleanFailure(result: CliRunResult, code: number, message: RegExp | string): void {
    expect(fx.failureProblems(result, code, message), result.stderr).toEqual([]);
  }
  const keepsPreviousFile = async (fails: () => Promise<void>) => expect(await fx.fileUnchangedBy(fails)).toBe(true);

  beforeAll(async () => {
    fx = await startSandboxFixture('rudderstack', { packageDir, sandbox: { seed: 11, rudderstack: { users: 320, groups: 12 } } });
    ({ fake: sandbox, file } = fx);
    disabled = await startSandbox({ seed: 12, rudderstack: { users: 3, groups: 1, scimEnabled: false } });
    fx.secrets.push(disabled.services.rudderstack.token);
    const first = await fx.sync();
    expect(first.code, first.stderr).toBe(0);
    firstSync = await readLatestSyncContent(file);
    expect(firstSync.resources).toHaveLength(332);
    sandbox.resetRequestCounts();
  }, 60_000);

  afterEach(() => fx.reset());

  afterAll(async () => {
    await fx?.close();
    await disabled?.close();
  });

  it('gives up on a 5xx storm (exit 1, endpoint and status named), keeps the file, and the next run resumes to the same content', async () => {
    // validate's probe is the first GET /Users; the storm starts at the second page of users.
    const outcome = await stormThenResume(fx, {
      storm: {
        preloads: FAST_RETRY_WAITS,
        during: armAt(sandbox, 'rudderstack', 'GET /scim/v2/Users', 3, { serverErrors: 1_000, serverErrorStatus: 503 }),
      },
      countRequests: () => sandbox.requestCount('rudderstack', 'GET /scim/v2/Users'),
      clearFaults: () => sandbox.setFaults({}, 'rudderstack'),
      expected: firstSync,
    });
    expectCleanFailure(outcome.storm, 1, 'RudderStack GET /Users failed with status 503: sandbox fault: injected 503');
    expect(outcome.requests).toBe(2 + ATTEMPTS_PER_CALL);
    expect(outcome.problems).toEqual([]);
  }, 60_000);

  it('resumed after a storm in the grants phase, reads the members of groups listed by the earlier run', async () => {
    const omitted = sandbox.services.rudderstack.org.groups.filter((group) => group.membersOmittedFromList);
    const last = omitted.at(-1);
    if (!last) throw new Error('no group listed without members');
    const outcome = await stormThenResume(fx, {
      storm: {
        preloads: FAST_RETRY_WAITS,
        during: armAt(sandbox, 'rudderstack', `GET /scim/v2/Groups/${last.id}`, 1, { serverErrors: 1_000 }),
      },
      clearFaults: () => fx.reset(),
      expected: firstSync,
    });
    expect(outcome.storm.code, outcome.storm.stderr).toBe(1);
    expect(outcome.problems).toEqual([]);
    expect(sandbox.requestCount('rudderstack', 'GET /scim/v2/Groups')).toBe(1);
  }, 60_000);

  it('explains a workspace token (403), an unknown token (401) and SCIM not enabled (403), without retrying', async () => {
    await keepsPreviousFile(async () => {
      const workspace = await runBinary(syncArgs(), { env: tokenEnv(sandbox.services.rudderstack.workspaceToken) });
      expectCleanFailure(workspace, 1, new RegExp(`403.*${TOKEN_MESSAGE}.*--rudderstack-scim-token / BATON_RUDDERSTACK_SCIM_TOKEN`));
      const unknown = await runBinary(syncArgs(), { env: tokenEnv('pat-not-a-service-access-token') });
      expectCleanFailure(unknown, 1, new RegExp(`401.*${TOKEN_MESSAGE}`));
      const off = await runBinary(syncArgs(disabled.services.rudderstack.baseUrl), { env: tokenEnv(disabled.services.rudderstack.token) });
      expectCleanFailure(off, 1, /403.*SCIM needs the Enterprise plan with SSO/);
    });
    expect(sandbox.requestCounts()).toEqual({ rudderstack: { 'GET /scim/v2/Users': 2 } });
  });

  it('points at --rudderstack-scim-base-url on a 404, and refuses a base URL without /scim/v2 before any request', async () => {
    const origin = sandbox.services.rudderstack.baseUrl.replace(/\/scim\/v2$/, '');
    await keepsPreviousFile(async () => {
      const missing = await runBinary(syncArgs(`${origin}/v1/scim/v2`), { env: tokenEnv() });
      expectCleanFailure(missing, 1, /404.*check --rudderstack-scim-base-url \/ BATON_RUDDERSTACK_SCIM_BASE_URL/);
      const suffix = await runBinary(syncArgs(origin), { env: tokenEnv() });
      expect(suffix.code, suffix.stderr).toBe(2);
      expect(suffix.stderr).toContain(
        '--rudderstack-scim-base-url / BATON_RUDDERSTACK_SCIM_BASE_URL must be the full SCIM base URL ending in /scim/v2',
      );
    });
    expect(sandbox.requestCount('rudderstack')).toBe(1);
  });

  it('refuses the one-shot grant, revoke and create-account flags: the connector is read-only', async () => {
    const oneShots = [
      ['--grant-entitlement', 'group:g:member', '--grant-principal', 'u', '--grant-principal-type', 'user'],
      ['--revoke-grant', 'group:g:member:user:u'],
      ['--create-account-login', 'new@acme.example'],
    ];
    await keepsPreviousFile(async () => {
      for (const args of oneShots) {
        const refused = await runBinary([...syncArgs(), ...args, '--provisioning'], { env: tokenEnv() });
        expectCleanFailure(
          refused,
          2,
          /^baton-rudderstack: baton-rudderstack is read-only: it syncs but cannot change access, so --\S+ is not supported$/,
        );
      }
    });
    expect(sandbox.requestCount('rudderstack')).toBe(0);
  });
});

describe('baton-rudderstack against a lenient server', () => {
  it('loses and repeats no user when pages are capped below count and totalResults is left out', async () => {
    const lenient = await startSandboxFixture('rudderstack', {
      packageDir,
      sandbox: { seed: 5, rudderstack: { users: 45, groups: 4, maxPageSize: 7, omitTotalResults: true } },
    });
    try {
      const { org } = lenient.fake.services.rudderstack;
      const result = await lenient.sync();
      expect(result.code, result.stderr).toBe(0);
      const content = await readLatestSyncContent(lenient.file);
      const resources = content.resources.map((text) => JSON.parse(text) as { id: { resourceType: string; resource: string } });
      const users = resources.filter((resource) => resource.id.resourceType === 'user').map((resource) => resource.id.resource);
      expect(users.sort()).toEqual(org.users.map((user) => user.id).sort());
      // 45 users in pages of 7 end on the empty page at 46: 7 requests, plus validate's probe.
      expect(lenient.fake.requestCount('rudderstack', 'GET /scim/v2/Users')).toBe(1 + 7 + 1);
    } finally {
      await lenient.close();
    }
  }, 60_000);
});
