/**
 * End to end: the built `baton-teamtailor` binary syncs a generated company from the sandbox
 * (loopback) into a c1z file, which is then read back with the SDK's reader, the binary's own
 * `stats` and, when Go is available, Baton's own reader.
 */
import { fileURLToPath } from 'node:url';
import { findAnnotation } from '@c1/connector-sdk';
import type { C1zReader } from '@c1/connector-sdk/c1z';
import { openLatestSync } from '@c1/connector-sdk/testing';
import { readWithGoReader, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USERS = 100;
/** Pages of 30 following links.next, plus the first page read once more by validate. */
const REQUESTS = Math.ceil(USERS / 30) + 1;

describe('baton-teamtailor against the sandbox', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let reader: C1zReader;
  let syncId: string;

  beforeAll(async () => {
    // 3 requests a second: the sync has to wait for the reset the headers announce.
    fx = await startSandboxFixture('teamtailor', {
      packageDir,
      sandbox: { seed: 42, teamtailor: { users: USERS, rateLimit: { requests: 3, windowSeconds: 1 } } },
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

  it('writes every user of the company and nothing else', () => {
    expect(reader.stats(syncId)).toMatchObject({ resources: { user: USERS }, entitlements: 0, grants: 0 });
  });

  it('reads 30 users per request, with departments and locations on the same request, and waits instead of meeting a 429', () => {
    expect(sandbox.requestCounts()).toEqual({ teamtailor: { 'GET /eu/v1/users': REQUESTS } });
  });

  it("records a known user's role, role label, title, department and login", () => {
    const company = sandbox.services.teamtailor.company;
    const user = company.users[1]!;
    const stored = reader.resource(syncId, { resourceType: 'user', resource: user.id });
    expect(stored?.displayName).toBe(user.name);
    expect(stored?.profile).toMatchObject({
      role: 'recruiter',
      role_label: 'Recruiter',
      title: user.title,
      login: user.loginEmail ?? user.email,
      ...(user.departmentId && { department: company.departments.find((d) => d.id === user.departmentId)?.name }),
    });
    const trait = findAnnotation(stored?.annotations, 'c1.connector.v2.UserTrait');
    expect(trait?.status).toEqual({ status: 'ENABLED' });
  });

  it('marks a no_access user disabled and keeps a role Teamtailor may add later', () => {
    const users = sandbox.services.teamtailor.company.users;
    const blocked = reader.resource(syncId, { resourceType: 'user', resource: users.find((u) => u.role === 'no_access')!.id });
    expect(blocked?.profile).toMatchObject({ role: 'no_access', role_label: 'No access' });
    expect(findAnnotation(blocked?.annotations, 'c1.connector.v2.UserTrait')?.status).toEqual({ status: 'DISABLED' });
    const newer = reader.resource(syncId, { resourceType: 'user', resource: users.find((u) => u.role === 'interviewer')!.id });
    expect(newer?.profile).toMatchObject({ role: 'interviewer', role_label: 'interviewer' });
  });

  it('falls back to the profile email for a user who has not accepted the invitation', () => {
    const pending = sandbox.services.teamtailor.company.users.find((u) => u.loginEmail === null)!;
    const stored = reader.resource(syncId, { resourceType: 'user', resource: pending.id });
    expect(findAnnotation(stored?.annotations, 'c1.connector.v2.UserTrait')?.login).toBe(pending.email);
  });

  it('prints stats from the file', async () => {
    const stats = await fx.run(['stats', '-f', file, '--output', 'json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ resources: { user: USERS }, entitlements: 0, grants: 0 });
  });

  it("reads the file with Baton's Go reader when it is available", async (ctx) => {
    const stdout = await readWithGoReader(file);
    if (stdout === undefined) {
      ctx.skip();
      return;
    }
    const dump = JSON.parse(stdout) as { syncId: string; resources: unknown[]; resourceTypes: unknown[] };
    expect(dump.syncId).toBe(syncId);
    expect(dump.resources).toHaveLength(USERS);
    expect(dump.resourceTypes).toHaveLength(1);
    expect(stdout).toContain(`"${sandbox.services.teamtailor.company.users[1]?.id}"`);
    expect(stdout).toContain('STATUS_DISABLED');
  }, 300_000);
});
