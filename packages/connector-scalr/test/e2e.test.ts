/**
 * End to end: the built `baton-scalr` binary syncs a generated account from the sandbox
 * (loopback, the account at a path prefix the base-URL override points at) into a c1z file,
 * which is then read back with the SDK's reader, the binary's `stats` and, when available,
 * Baton's Go reader.
 */
import { fileURLToPath } from 'node:url';
import { findAnnotation } from '@c1/connector-sdk';
import type { C1zReader } from '@c1/connector-sdk/c1z';
import { openLatestSync } from '@c1/connector-sdk/testing';
import { readWithGoReader, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USERS = 250;
const SERVICE_ACCOUNTS = 12;
const API = '/acme/api/iacp/v3';

describe('baton-scalr against the sandbox', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let reader: C1zReader;
  let syncId: string;

  beforeAll(async () => {
    fx = await startSandboxFixture('scalr', {
      packageDir,
      sandbox: { seed: 42, scalr: { users: USERS, serviceAccounts: SERVICE_ACCOUNTS } },
    });
    ({ fake: sandbox, file } = fx);
    const result = await fx.sync();
    expect(fx.secretsShown(result)).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
    ({ reader, syncId } = await openLatestSync(file));
  }, 120_000);

  afterAll(async () => {
    reader?.close();
    await fx?.close();
  });

  const accountTypes = () => {
    const counts: Record<string, number> = {};
    for (const resource of reader.resources({ syncId })) {
      const type = findAnnotation(resource.annotations ?? [], 'c1.connector.v2.UserTrait')?.accountType ?? 'none';
      counts[type] = (counts[type] ?? 0) + 1;
    }
    return counts;
  };

  it("writes the account's users and service accounts, and none of the other account's", () => {
    expect(reader.stats(syncId).resources).toEqual({ user: USERS + SERVICE_ACCOUNTS });
    expect(accountTypes()).toEqual({ HUMAN: USERS, SERVICE: SERVICE_ACCOUNTS });
    const [main] = sandbox.services.scalr.org.accounts;
    const outsider = sandbox.services.scalr.org.accountUsers.find(
      (link) => link.accountId !== main?.id && link.userId !== sandbox.services.scalr.org.users[0]?.id,
    );
    expect(reader.resource(syncId, { resourceType: 'user', resource: outsider?.userId ?? '' })).toBeUndefined();
  });

  it('makes the minimum of requests: the account lookup, the two validate probes, then one per page of 100', () => {
    expect(sandbox.requestCounts().scalr).toEqual({
      [`GET ${API}/accounts`]: 1,
      [`GET ${API}/account-users`]: 1 + Math.ceil(USERS / 100),
      [`GET ${API}/service-accounts`]: 1 + Math.ceil(SERVICE_ACCOUNTS / 100),
    });
  });

  it("maps a known service account's account type and a pending user's state", () => {
    const bot = sandbox.services.scalr.org.serviceAccounts[1];
    const stored = reader.resource(syncId, { resourceType: 'user', resource: bot?.id ?? '' });
    expect(stored?.displayName).toBe(bot?.name);
    expect(findAnnotation(stored?.annotations ?? [], 'c1.connector.v2.UserTrait')).toMatchObject({
      accountType: 'SERVICE',
      status: { status: 'DISABLED' },
      login: bot?.email,
    });
    const pending = sandbox.services.scalr.org.users[2];
    const user = reader.resource(syncId, { resourceType: 'user', resource: pending?.id ?? '' });
    expect(user?.profile).toMatchObject({ status: 'Pending', email: pending?.email });
    expect(findAnnotation(user?.annotations ?? [], 'c1.connector.v2.UserTrait')).toMatchObject({
      accountType: 'HUMAN',
      status: { status: 'ENABLED' },
    });
  });

  it('prints stats from the file', async () => {
    const stats = await fx.run(['stats', '-f', file, '--output', 'json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ resources: { user: USERS + SERVICE_ACCOUNTS }, entitlements: 0, grants: 0 });
  });

  it("reads the file with Baton's Go reader when it is available", async (ctx) => {
    const stdout = await readWithGoReader(file);
    if (stdout === undefined) {
      ctx.skip();
      return;
    }
    const dump = JSON.parse(stdout) as { syncId: string; resources: unknown[] };
    expect(dump.syncId).toBe(syncId);
    expect(dump.resources).toHaveLength(USERS + SERVICE_ACCOUNTS);
    expect(stdout).toContain(`"${sandbox.services.scalr.org.serviceAccounts[1]?.id}"`);
  }, 300_000);
});
