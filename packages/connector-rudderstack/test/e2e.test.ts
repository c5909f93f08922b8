/**
 * End to end: the built `baton-rudderstack` binary syncs a generated organization from the
 * sandbox (loopback) into a c1z file, which is then read back with the SDK's reader, the
 * binary's own inspect commands and, when available, Baton's Go reader.
 */
import { fileURLToPath } from 'node:url';
import type { C1zReader } from '@c1/connector-sdk/c1z';
import { openLatestSync } from '@c1/connector-sdk/testing';
import { readWithGoReader, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USERS = 250;
const GROUPS = 30;
/** The sandbox caps pages at 100 whatever `count` asks for. */
const PAGE = 100;

describe('baton-rudderstack against the sandbox', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let reader: C1zReader;
  let syncId: string;

  beforeAll(async () => {
    fx = await startSandboxFixture('rudderstack', { packageDir, sandbox: { seed: 42, rudderstack: { users: USERS, groups: GROUPS } } });
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

  it('writes every user, group, member entitlement and membership grant', () => {
    const org = sandbox.services.rudderstack.org;
    const stats = reader.stats(syncId);
    expect(stats.resources).toEqual({ user: USERS, group: GROUPS });
    expect(stats.entitlements).toBe(GROUPS);
    expect(stats.grants).toBe(org.groups.reduce((sum, group) => sum + group.memberIds.length, 0));
  });

  it('needs one request per capped page, plus one GET per group listed without members (and two validate probes)', () => {
    const omitted = sandbox.services.rudderstack.org.groups.filter((group) => group.membersOmittedFromList);
    expect(omitted.length).toBeGreaterThan(1);
    expect(sandbox.requestCount('rudderstack', 'GET /scim/v2/Users')).toBe(1 + Math.ceil(USERS / PAGE));
    expect(sandbox.requestCount('rudderstack', 'GET /scim/v2/Groups')).toBe(1 + Math.ceil(GROUPS / PAGE));
    for (const group of omitted) expect(sandbox.requestCount('rudderstack', `GET /scim/v2/Groups/${group.id}`)).toBe(1);
    expect(sandbox.requestCount('rudderstack')).toBe(2 + Math.ceil(USERS / PAGE) + Math.ceil(GROUPS / PAGE) + omitted.length);
  });

  it('maps a user: userName as login, email, display name, enabled or disabled', () => {
    const org = sandbox.services.rudderstack.org;
    const user = org.users[0];
    const inactive = org.users.find((candidate) => !candidate.active);
    if (!user || !inactive) throw new Error('the organization lacks the users this test needs');
    const stored = reader.resource(syncId, { resourceType: 'user', resource: user.id });
    expect(stored?.displayName).toBe(user.displayName);
    const trait = (id: string) =>
      reader.resource(syncId, { resourceType: 'user', resource: id })?.annotations.find((a) => a.$type === 'c1.connector.v2.UserTrait');
    expect(trait(user.id)).toMatchObject({
      login: user.userName,
      emails: [{ address: user.userName, isPrimary: true }],
      status: { status: 'ENABLED' },
      accountType: 'HUMAN',
    });
    expect(trait(inactive.id)).toMatchObject({ status: { status: 'DISABLED' } });
  });

  it('records memberships listed inline and memberships read from a group listed without members', () => {
    const [inline, omitted] = sandbox.services.rudderstack.org.groups;
    if (!inline || !omitted) throw new Error('no groups 0 and 1');
    expect(omitted.membersOmittedFromList).toBe(true);
    for (const group of [inline, omitted]) {
      const userId = group.memberIds[0] as string;
      const stored = reader.grant(syncId, `group:${group.id}:member:user:${userId}`);
      expect(stored?.principal.id).toEqual({ resourceType: 'user', resource: userId });
    }
  });

  it('prints stats and resources from the file', async () => {
    const stats = await fx.run(['stats', '-f', file, '--output', 'json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ resources: { user: USERS, group: GROUPS }, entitlements: GROUPS });
    const users = await fx.run(['resources', '-f', file, '--resource-type', 'user', '--output', 'json']);
    expect(users.code, users.stderr).toBe(0);
    const listed = JSON.parse(users.stdout) as { id: { resource: string } }[];
    expect(listed).toHaveLength(USERS);
  });

  it("reads the file with Baton's Go reader when it is available", async (ctx) => {
    const stdout = await readWithGoReader(file);
    if (stdout === undefined) {
      ctx.skip();
      return;
    }
    const dump = JSON.parse(stdout) as { syncId: string; resources: unknown[]; entitlements: unknown[]; grants: unknown[] };
    expect(dump.syncId).toBe(syncId);
    expect(dump.resources).toHaveLength(USERS + GROUPS);
    expect(dump.entitlements).toHaveLength(GROUPS);
    expect(dump.grants).toHaveLength(reader.stats(syncId).grants);
    expect(stdout).toContain(`"${sandbox.services.rudderstack.org.users[0]?.id}"`);
  }, 300_000);
});
