/**
 * End to end, service mode: the built `baton-ilert` binary with C1 client credentials takes
 * tasks from a fake C1 (gRPC over TLS with a throwaway CA, on loopback) and syncs the fake
 * ilert API. The upload must hold what a one-shot sync of the same data writes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, readLatestSyncContent, runConnectorCli, secretsShown, type RunningCli } from '@c1/connector-sdk/testing';
import { startFakeC1, startSandbox, waitForCount, type FakeC1, type Sandbox } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const UPLOAD_CHUNK = 512 * 1024;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

describe('baton-ilert in service mode against a fake C1', () => {
  let sandbox: Sandbox;
  let c1: FakeC1;
  let dir: string;

  const apiEnv = (): Record<string, string> => ({
    BATON_ILERT_API_TOKEN: sandbox.services.ilert.token,
    BATON_ILERT_BASE_URL: sandbox.services.ilert.baseUrl,
  });
  const secrets = (): string[] => [c1.clientSecret, c1.wrongClientSecret, sandbox.services.ilert.token, ...c1.state.issuedTokens];
  /** Runs the binary in service mode until `during` returns, then sends SIGTERM. */
  const serve = (during: (child: RunningCli) => Promise<void>, env: Record<string, string> = c1.env()) =>
    runConnectorCli(packageDir, ['--log-format', 'json', '--host-id', 'e2e-host'], {
      env: { ...apiEnv(), ...env },
      during: async (child) => {
        await during(child);
        child.kill('SIGTERM');
      },
    });
  const finishedCount = (): number => c1.state.finished.length;

  beforeAll(async () => {
    await ensureBuilt(packageDir);
    sandbox = await startSandbox({ seed: 7, ilert: { users: 180, teams: 12, rateLimitPerMinute: false } });
    c1 = await startFakeC1({ pollMs: 100, heartbeatMs: 1000 });
    dir = await mkdtemp(join(tmpdir(), 'baton-ilert-service-'));
  }, 120_000);

  afterAll(async () => {
    await c1?.close();
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says Hello, runs a full sync on request and uploads the same content a one-shot sync writes', async () => {
    const taskId = c1.enqueue({ case: 'syncFull', value: {} });
    const result = await serve(() => waitForCount(finishedCount, 1, 60_000));
    expect(result.code, result.stderr).toBe(0);
    expect(c1.state.hellos[0]).toMatchObject({ hostId: 'e2e-host', taskId: '', connectorMetadata: { displayName: expect.any(String) } });
    const finish = c1.state.finished.find((request) => request.taskId === taskId);
    expect(finish?.finalState.case).toBe('success');
    expect(c1.state.heartbeats.some((beat) => beat.taskId === taskId)).toBe(true);
    const upload = c1.state.uploads.find((received) => received.taskId === taskId);
    if (!upload) throw new Error('no upload');
    expect(upload.chunkSizes.slice(0, -1).every((size) => size === UPLOAD_CHUNK)).toBe(true);
    expect(upload.chunkSizes.at(-1)).toBeLessThanOrEqual(UPLOAD_CHUNK);
    const uploaded = join(dir, 'uploaded.c1z');
    await writeFile(uploaded, upload.bytes);
    const oneShot = join(dir, 'one-shot.c1z');
    const once = await runConnectorCli(packageDir, ['-f', oneShot, '--log-level', 'warn'], { env: apiEnv() });
    expect(once.code, once.stderr).toBe(0);
    expect(await readLatestSyncContent(uploaded)).toEqual(await readLatestSyncContent(oneShot));
    expect(secretsShown(result, secrets())).toEqual([]);
    expect(secrets().filter((secret) => upload.bytes.includes(secret))).toEqual([]);
  }, 120_000);

  it('finishes a task type it cannot do with Unknown "unsupported task type", and reports ready on its health port', async () => {
    const before = finishedCount();
    const port = await freePort();
    const taskId = c1.enqueue({ case: 'createSyncDiff', value: {} });
    const statuses: number[] = [];
    const result = await runConnectorCli(packageDir, ['--log-format', 'json', '--health-check', '--health-check-port', String(port)], {
      env: { ...apiEnv(), ...c1.env() },
      during: async (child) => {
        await waitForCount(finishedCount, before + 1, 30_000);
        for (const path of ['/live', '/ready', '/health']) statuses.push((await fetch(`http://127.0.0.1:${port}${path}`)).status);
        child.kill('SIGTERM');
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(statuses).toEqual([200, 200, 200]);
    const finish = c1.state.finished.find((request) => request.taskId === taskId);
    expect(finish?.finalState).toMatchObject({ case: 'error', value: { nonRetryable: false } });
    expect(finish?.status).toMatchObject({ code: 2, message: 'unsupported task type' });
  }, 60_000);

  it('exits 1 with a clear message when C1 refuses the client secret, showing no secret', async () => {
    const result = await runConnectorCli(packageDir, ['--log-format', 'json'], { env: { ...apiEnv(), ...c1.env(c1.wrongClientSecret) } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('C1 refused the client credentials (401)');
    expect(result.stderr).toContain('--client-secret / BATON_CLIENT_SECRET');
    expect(secretsShown(result, secrets())).toEqual([]);
  }, 60_000);

  it('exits 2 naming the flag and env var for a malformed client secret, without echoing it', async () => {
    const malformed = 'secret-token:conductorone.com:v1:bm90LWEta2V5';
    const result = await runConnectorCli(packageDir, [], { env: { ...apiEnv(), ...c1.env(malformed) } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client-secret / BATON_CLIENT_SECRET');
    expect(result.stderr).not.toContain('bm90LWEta2V5');
  }, 60_000);

  it('on SIGTERM mid-sync exits 0 within 30 s and uploads nothing half-written', async () => {
    const uploadsBefore = c1.state.uploads.length;
    sandbox.setFaults({ latencyMs: 400 }, 'ilert');
    const taskId = c1.enqueue({ case: 'syncFull', value: {} });
    let signalledAt = 0;
    const result = await runConnectorCli(packageDir, ['--log-format', 'json'], {
      env: { ...apiEnv(), ...c1.env() },
      during: async (child) => {
        await waitForCount(() => c1.state.heartbeats.filter((beat) => beat.taskId === taskId).length, 1, 30_000);
        await waitForCount(() => sandbox.requestCount('ilert', 'GET /users'), 2, 30_000);
        signalledAt = Date.now();
        child.kill('SIGTERM');
      },
    });
    const stoppedIn = Date.now() - signalledAt;
    sandbox.setFaults({}, 'ilert');
    expect(result.code, result.stderr).toBe(0);
    expect(stoppedIn).toBeLessThan(30_000);
    expect(c1.state.uploads.length).toBe(uploadsBefore);
    const finish = c1.state.finished.find((request) => request.taskId === taskId);
    expect(finish?.status?.code).toBe(1);
    expect(secretsShown(result, secrets())).toEqual([]);
  }, 90_000);

  it('loses no task while C1 is away for 10 s', async () => {
    const before = finishedCount();
    const result = await serve(async () => {
      await waitForCount(() => c1.state.hellos.length, c1.state.hellos.length + 1, 30_000);
      await c1.pause();
      const taskId = c1.enqueue({ case: 'syncFull', value: {} });
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      await c1.resume();
      await waitForCount(finishedCount, before + 1, 60_000);
      expect(c1.state.finished.at(-1)).toMatchObject({ taskId, finalState: { case: 'success' } });
    });
    expect(result.code, result.stderr).toBe(0);
    const outageLines = result.stderr.split('\n').filter((line) => line.includes('C1 is unreachable'));
    expect(outageLines).toHaveLength(1);
    expect(result.stderr).toContain('reconnected to C1');
  }, 120_000);
});
