/**
 * End to end: the built `baton-ironclad` binary against the sandbox's fake Ironclad (loopback):
 * a sync, a grant and a revoke one-shot, a second sync whose diff is exactly those two changes,
 * an account creation whose password only ever leaves encrypted, and, when available, Baton's
 * Go reader on the file.
 */
import { fileURLToPath } from 'node:url';
import { openC1zReader } from '@c1/connector-sdk/c1z';
import type { CliRunResult } from '@c1/connector-sdk/testing';
import * as age from 'age-encryption';
import { readWithGoReader, startSandboxFixture, type Sandbox, type SandboxFixture } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USERS = 1234;
const GROUPS = 25;

describe('baton-ironclad against the sandbox', () => {
  let fx: SandboxFixture;
  let sandbox: Sandbox;
  let file: string;
  let credentials: Record<string, string>;

  /** Runs the built binary with only the sandbox's credentials as BATON_* variables. */
  const baton = (args: string[]): Promise<CliRunResult> => fx.run(args, { env: credentials });

  const syncArgs = () => ['--ic-base-url', sandbox.services.ironclad.baseUrl, '-f', file, '--log-level', 'warn'];

  beforeAll(async () => {
    fx = await startSandboxFixture('ironclad', { packageDir, sandbox: { seed: 21, ironclad: { users: USERS, groups: GROUPS } } });
    ({ fake: sandbox, file } = fx);
    const { clientId, clientSecret, asUserEmail } = sandbox.services.ironclad;
    credentials = { BATON_IC_CLIENT_ID: clientId, BATON_IC_CLIENT_SECRET: clientSecret, BATON_IC_AS_USER_EMAIL: asUserEmail };
  }, 120_000);

  afterAll(async () => {
    await fx?.close();
  });

  it('syncs every account, group and membership: one token, 1000 per page, no request per group', async () => {
    const result = await fx.sync();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain(sandbox.services.ironclad.clientSecret);
    const org = sandbox.services.ironclad.org;
    const reader = await openC1zReader(file);
    try {
      const syncId = reader.latestFinishedSync()?.syncId as string;
      const stats = reader.stats(syncId);
      expect(stats.resources).toEqual({ user: USERS, group: GROUPS });
      expect(stats.entitlements).toBe(GROUPS);
      expect(stats.grants).toBe(org.groups.reduce((sum, group) => sum + group.memberIds.length, 0));
      const admin = org.users[0];
      expect(reader.resource(syncId, { resourceType: 'user', resource: admin?.id ?? '' })?.profile).toMatchObject({
        userName: admin?.userName,
        givenName: admin?.givenName,
        familyName: admin?.familyName,
        provider: 'local',
        active: true,
      });
    } finally {
      reader.close();
    }
    expect(sandbox.requestCount('ironclad', 'POST /oauth/token')).toBe(1);
    // validate probes one of each, then the listings: ceil(1234 / 1000) user pages and one group page.
    expect(sandbox.requestCount('ironclad', 'GET /scim/v2/Users')).toBe(1 + 2);
    expect(sandbox.requestCount('ironclad', 'GET /scim/v2/Groups')).toBe(1 + 1);
    expect(sandbox.requestCount('ironclad')).toBe(6);
  }, 120_000);

  it('grants and revokes with one-shots (needing --provisioning), and the next sync diffs exactly that', async () => {
    const org = sandbox.services.ironclad.org;
    const target = org.groups.find((group) => group.memberIds.length > 0 && group.memberIds.length < 30) ?? org.groups[2];
    const source = org.groups[0];
    if (!target || !source) throw new Error('the company has too few groups');
    const newcomer = org.users.find((user) => !target.memberIds.includes(user.id));
    const leaver = source.memberIds[1];
    if (!newcomer || !leaver) throw new Error('no user to grant or revoke');
    const grantArgs = [
      '--grant-entitlement',
      `group:${target.id}:member`,
      '--grant-principal',
      newcomer.id,
      '--grant-principal-type',
      'user',
    ];
    const revokedId = `group:${source.id}:member:user:${leaver}`;

    const refused = await baton([...syncArgs(), ...grantArgs]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--provisioning');

    const granted = await baton([...syncArgs(), ...grantArgs, '--provisioning', '--output', 'json']);
    expect(granted.code, granted.stderr).toBe(0);
    expect(JSON.parse(granted.stdout)).toMatchObject({ outcome: 'granted' });
    expect(target.memberIds).toContain(newcomer.id);
    const again = await baton([...syncArgs(), ...grantArgs, '--provisioning', '--output', 'json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'already-exists' });

    const revoked = await baton([...syncArgs(), '--revoke-grant', revokedId, '--provisioning', '--output', 'json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ outcome: 'revoked' });
    expect(source.memberIds).not.toContain(leaver);
    const twice = await baton([...syncArgs(), '--revoke-grant', revokedId, '--provisioning', '--output', 'json']);
    expect(JSON.parse(twice.stdout)).toMatchObject({ outcome: 'already-revoked' });

    const second = await fx.sync();
    expect(second.code, second.stderr).toBe(0);
    const diff = await baton(['diff', '-f', file, '--output', 'json']);
    expect(diff.code, diff.stderr).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({
      resources: { created: [], deleted: [], modified: [] },
      entitlements: { created: [], deleted: [], modified: [] },
      grants: { created: [`group:${target.id}:member:user:${newcomer.id}`], deleted: [revokedId], modified: [] },
    });
  }, 180_000);

  it('creates an account whose password leaves only encrypted to the age recipient, and reports a second try as existing', async () => {
    const identity = await age.generateIdentity();
    const recipient = await age.identityToRecipient(identity);
    const accountArgs = [
      ...syncArgs(),
      '--provisioning',
      '--create-account-login',
      'new.counsel@contoso.example',
      '--create-account-email',
      'new.counsel@contoso.example',
      '--create-account-profile',
      JSON.stringify({ givenName: 'New', familyName: 'Counsel', title: 'Counsel', department: 'Legal' }),
      '--output',
      'json',
    ];
    const created = await baton([...accountArgs, '--create-account-age-recipient', recipient, '--log-level', 'debug']);
    expect(created.code, created.stderr).toBe(0);
    const output = JSON.parse(created.stdout) as {
      outcome: string;
      resource: { id: { resource: string } };
      encryptedSecrets: { armored: string };
    };
    expect(output.outcome).toBe('created');
    const user = sandbox.services.ironclad.org.users.find((u) => u.userName === 'new.counsel@contoso.example');
    expect(output.resource.id.resource).toBe(user?.id);
    expect(user).toMatchObject({ givenName: 'New', familyName: 'Counsel', title: 'Counsel', department: 'Legal' });

    const decrypter = new age.Decrypter();
    decrypter.addIdentity(identity);
    const secrets = JSON.parse(await decrypter.decrypt(age.armor.decode(output.encryptedSecrets.armored), 'text')) as {
      name: string;
      value: string;
    }[];
    const password = secrets.find((secret) => secret.name === 'password')?.value ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(`${created.stdout}${created.stderr}`).not.toContain(password);

    const withheld = await baton(accountArgs);
    expect(withheld.code, withheld.stderr).toBe(0);
    expect(JSON.parse(withheld.stdout)).toMatchObject({ outcome: 'already-exists', resource: { id: { resource: user?.id } } });
  }, 120_000);

  it("reads the file with Baton's Go reader when it is available", async (ctx) => {
    const stdout = await readWithGoReader(file);
    if (stdout === undefined) {
      ctx.skip();
      return;
    }
    const dump = JSON.parse(stdout) as { syncId: string; resources: unknown[]; entitlements: unknown[]; grants: unknown[] };
    const reader = await openC1zReader(file);
    try {
      const syncId = reader.latestFinishedSync()?.syncId as string;
      expect(dump.syncId).toBe(syncId);
      expect(dump.resources).toHaveLength(USERS + GROUPS);
      expect(dump.entitlements).toHaveLength(GROUPS);
      expect(dump.grants).toHaveLength(reader.stats(syncId).grants);
    } finally {
      reader.close();
    }
  }, 300_000);
});
