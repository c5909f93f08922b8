/**
 * End to end, service mode: the built `baton-ironclad` binary takes a full sync, a grant and a
 * revoke from a fake C1 (gRPC over TLS on loopback) and carries them out against the fake
 * Ironclad API, one process from start to SIGTERM.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeEntitlement, encodeGrant, encodeResource, openC1zReader } from '@c1/connector-sdk/c1z';
import { ensureBuilt, readLatestSyncContent, runConnectorCli, secretsShown } from '@c1/connector-sdk/testing';
import { startFakeC1, startSandbox, waitForCount, type FakeC1, type Sandbox } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('baton-ironclad in service mode against a fake C1', () => {
  let sandbox: Sandbox;
  let c1: FakeC1;
  let dir: string;

  const apiEnv = (): Record<string, string> => {
    const { clientId, clientSecret, asUserEmail, baseUrl } = sandbox.services.ironclad;
    return {
      BATON_IC_CLIENT_ID: clientId,
      BATON_IC_CLIENT_SECRET: clientSecret,
      BATON_IC_AS_USER_EMAIL: asUserEmail,
      BATON_IC_BASE_URL: baseUrl,
    };
  };
  const finishedCount = (): number => c1.state.finished.length;
  const finishOf = (taskId: string) => c1.state.finished.find((request) => request.taskId === taskId);

  beforeAll(async () => {
    await ensureBuilt(packageDir);
    sandbox = await startSandbox({ seed: 5, ironclad: { users: 60, groups: 8, rateLimits: false } });
    c1 = await startFakeC1({ pollMs: 100 });
    dir = await mkdtemp(join(tmpdir(), 'baton-ironclad-service-'));
  }, 120_000);

  afterAll(async () => {
    await c1?.close();
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('syncs, then grants and revokes as C1 asks, and exits 0 on SIGTERM', async () => {
    const org = sandbox.services.ironclad.org;
    const uploaded = join(dir, 'uploaded.c1z');
    const syncTask = c1.enqueue({ case: 'syncFull', value: {} });
    let grantTask = '';
    let revokeTask = '';
    let granted = '';
    let revoked = '';
    const result = await runConnectorCli(packageDir, ['--log-format', 'json', '--provisioning'], {
      env: { ...apiEnv(), ...c1.env() },
      during: async (child) => {
        await waitForCount(finishedCount, 1, 60_000);
        const upload = c1.state.uploads.find((received) => received.taskId === syncTask);
        if (!upload) throw new Error('no upload');
        await writeFile(uploaded, upload.bytes);
        const reader = await openC1zReader(uploaded);
        try {
          const syncId = reader.latestFinishedSync()?.syncId ?? '';
          const group = org.groups.find((candidate) => candidate.memberIds.length > 1) ?? org.groups[0];
          const entitlement = reader.entitlement(syncId, `group:${group?.id}:member`);
          const newcomer = org.users.find((user) => !group?.memberIds.includes(user.id));
          const principal = reader.resource(syncId, { resourceType: 'user', resource: newcomer?.id ?? '' });
          const existing = reader.grant(syncId, `group:${group?.id}:member:user:${group?.memberIds[0]}`);
          if (!entitlement || !principal || !existing) throw new Error('the sync lacks the objects to provision');
          granted = `${group?.id}:${newcomer?.id}`;
          revoked = `${group?.id}:${group?.memberIds[0]}`;
          grantTask = c1.enqueue({
            case: 'grant',
            value: { entitlement: encodeEntitlement(entitlement), principal: encodeResource(principal) },
          });
          await waitForCount(finishedCount, 2, 30_000);
          revokeTask = c1.enqueue({ case: 'revoke', value: { grant: encodeGrant(existing) } });
          await waitForCount(finishedCount, 3, 30_000);
        } finally {
          reader.close();
        }
        child.kill('SIGTERM');
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(finishOf(syncTask)?.finalState.case).toBe('success');
    const [groupId, userId] = granted.split(':');
    expect(org.groups.find((group) => group.id === groupId)?.memberIds).toContain(userId);
    expect(finishOf(grantTask)?.finalState).toMatchObject({
      case: 'success',
      value: { response: { typeUrl: 'type.googleapis.com/c1.connector.v2.GrantManagerServiceGrantResponse' } },
    });
    const [fromGroup, leaver] = revoked.split(':');
    expect(org.groups.find((group) => group.id === fromGroup)?.memberIds).not.toContain(leaver);
    expect(finishOf(revokeTask)?.finalState).toMatchObject({
      case: 'success',
      value: { response: { typeUrl: 'type.googleapis.com/c1.connector.v2.GrantManagerServiceRevokeResponse' } },
    });
    const secrets = [c1.clientSecret, sandbox.services.ironclad.clientSecret, ...c1.state.issuedTokens];
    expect(secretsShown(result, secrets)).toEqual([]);
  }, 180_000);

  it('uploads the content a one-shot sync of the same data writes', async () => {
    const before = c1.state.uploads.length;
    const taskId = c1.enqueue({ case: 'syncFull', value: {} });
    const result = await runConnectorCli(packageDir, ['--log-format', 'json'], {
      env: { ...apiEnv(), ...c1.env() },
      during: async (child) => {
        await waitForCount(() => c1.state.uploads.length, before + 1, 60_000);
        await waitForCount(() => (finishOf(taskId) ? 1 : 0), 1, 30_000);
        child.kill('SIGTERM');
      },
    });
    expect(result.code, result.stderr).toBe(0);
    const uploaded = join(dir, 'second.c1z');
    await writeFile(uploaded, c1.state.uploads.at(-1)?.bytes ?? Buffer.alloc(0));
    const oneShot = join(dir, 'one-shot.c1z');
    const once = await runConnectorCli(packageDir, ['-f', oneShot, '--log-level', 'warn'], { env: apiEnv() });
    expect(once.code, once.stderr).toBe(0);
    expect(await readLatestSyncContent(uploaded)).toEqual(await readLatestSyncContent(oneShot));
  }, 120_000);

  it('refuses a grant with FailedPrecondition "provisioning is not enabled" without --provisioning', async () => {
    const org = sandbox.services.ironclad.org;
    const reader = await openC1zReader(join(dir, 'second.c1z'));
    let taskId = '';
    try {
      const syncId = reader.latestFinishedSync()?.syncId ?? '';
      const group = org.groups[0];
      const entitlement = reader.entitlement(syncId, `group:${group?.id}:member`);
      const principal = reader.resource(syncId, { resourceType: 'user', resource: org.users[3]?.id ?? '' });
      if (!entitlement || !principal) throw new Error('missing objects');
      taskId = c1.enqueue({ case: 'grant', value: { entitlement: encodeEntitlement(entitlement), principal: encodeResource(principal) } });
    } finally {
      reader.close();
    }
    const result = await runConnectorCli(packageDir, ['--log-format', 'json'], {
      env: { ...apiEnv(), ...c1.env() },
      during: async (child) => {
        await waitForCount(() => (finishOf(taskId) ? 1 : 0), 1, 30_000);
        child.kill('SIGTERM');
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(finishOf(taskId)).toMatchObject({
      status: { code: 9, message: 'provisioning is not enabled' },
      finalState: { case: 'error', value: { nonRetryable: true } },
    });
  }, 90_000);
});
