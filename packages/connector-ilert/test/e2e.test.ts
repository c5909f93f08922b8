/**
 * End to end: the built `baton-ilert` binary syncs a generated org from the sandbox (loopback)
 * into a c1z file, which is then read back with the SDK's reader, the binary's own inspect
 * commands and, when available, Baton's Go reader.
 */
import { fileURLToPath } from 'node:url';
import type { C1zReader } from '@c1/connector-sdk/c1z';
import { openLatestSync } from '@c1/connector-sdk/testing';
import { readWithGoReader, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USERS = 250;
const TEAMS = 30;

describe('baton-ilert against the sandbox', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let reader: C1zReader;
  let syncId: string;

  beforeAll(async () => {
    fx = await startSandboxFixture('ilert', { packageDir, sandbox: { seed: 42, ilert: { users: USERS, teams: TEAMS } } });
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

  it('writes every user, team, role entitlement and membership grant of the org', () => {
    const org = sandbox.services.ilert.org;
    const stats = reader.stats(syncId);
    expect(stats.resources).toEqual({ user: USERS, team: TEAMS });
    expect(stats.entitlements).toBe(TEAMS * 4);
    expect(stats.grants).toBe(org.teams.reduce((sum, team) => sum + team.members.length, 0));
  });

  it('needs one request per page and none per team (plus one user and one team read by validate)', () => {
    const userPages = Math.floor(USERS / 100) + 1;
    expect(sandbox.requestCount('ilert', 'GET /users')).toBe(userPages + 1);
    expect(sandbox.requestCount('ilert', 'GET /teams')).toBe(1 + 1);
    expect(sandbox.requestCount('ilert')).toBe(userPages + 3);
  });

  it("keeps a user's 64-bit id exact and maps the profile", () => {
    const user = sandbox.services.ilert.org.users[2];
    if (!user) throw new Error('no user 2');
    expect(BigInt(user.id)).toBeGreaterThan(2n ** 53n);
    const stored = reader.resource(syncId, { resourceType: 'user', resource: user.id });
    expect(stored?.displayName).toBe(`${user.firstName} ${user.lastName}`);
    expect(stored?.profile).toMatchObject({
      email: user.email,
      role: user.role,
      position: user.position,
      department: user.department,
      timezone: user.timezone,
      language: user.language,
      region: user.region,
    });
    expect(stored?.createdAt?.toISOString()).toBe(new Date(user.createdAt).toISOString());
  });

  it("records a member's team role as a grant", () => {
    const team = sandbox.services.ilert.org.teams.find((t) => t.members.length > 0);
    const member = team?.members[0];
    if (!team || !member) throw new Error('the org has no team member');
    const id = `team:${team.id}:${member.role.toLowerCase()}:user:${member.userId}`;
    expect(reader.grant(syncId, id)?.principal.id).toEqual({ resourceType: 'user', resource: member.userId });
  });

  it('prints stats and resources from the file', async () => {
    const stats = await fx.run(['stats', '-f', file, '--output', 'json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ resources: { user: USERS, team: TEAMS }, entitlements: TEAMS * 4 });
    const users = await fx.run(['resources', '-f', file, '--resource-type', 'user', '--output', 'json']);
    expect(users.code, users.stderr).toBe(0);
    const listed = JSON.parse(users.stdout) as { id: { resource: string } }[];
    expect(listed).toHaveLength(USERS);
    expect(listed.map((r) => r.id.resource)).toContain(sandbox.services.ilert.org.users[2]?.id);
  });

  it("reads the file with Baton's Go reader when it is available", async (ctx) => {
    const stdout = await readWithGoReader(file);
    if (stdout === undefined) {
      ctx.skip();
      return;
    }
    const dump = JSON.parse(stdout) as { syncId: string; resources: unknown[]; entitlements: unknown[]; grants: unknown[] };
    expect(dump.syncId).toBe(syncId);
    expect(dump.resources).toHaveLength(USERS + TEAMS);
    expect(dump.entitlements).toHaveLength(TEAMS * 4);
    expect(dump.grants).toHaveLength(reader.stats(syncId).grants);
    expect(stdout).toContain(`"${sandbox.services.ilert.org.users[2]?.id}"`);
  }, 300_000);
});
