/**
 * Integration: builds the baton-ilert executable, a distroless-like base from this machine's
 * Debian files and the connector image on a private Docker daemon (no bridge, no iptables),
 * then runs the image read-only against the sandbox on 127.0.0.1: a one-shot sync into a /data
 * volume, read back with the built CLI's `stats`, and service mode against the fake C1 (its test
 * CA mounted read-only), which must upload a full sync and exit 0 on `docker stop`. Skips,
 * saying why, only where Docker cannot run (not root, or no apt-get to install it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startFakeC1, startSandbox, waitForCount, type Sandbox } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConnector, type BuildResult } from '../src/build.js';
import { discoverConnectors } from '../src/connectors.js';
import { assembleBaseContext } from '../src/image/base-rootfs.js';
import { ensureDockerInstalled, startDockerEngine, type DockerEngine } from '../src/image/docker-engine.js';
import { IMAGE_UID } from '../src/kubernetes.js';
import { buildPrerequisites } from '../src/prerequisites.js';

const run = promisify(execFile);
const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ilert = discoverConnectors(workspaceRoot).find((connector) => connector.name === 'ilert');
const BASE_TAG = 'c1-test/base:local';
/** Where the service-mode container finds the fake C1's test CA (NODE_EXTRA_CA_CERTS). */
const CONTAINER_CA = '/etc/c1-test/ca.pem';
/** `docker run` options of every container here: loopback only, a read-only root with a /tmp. */
const LOCKED_DOWN = ['--network', 'host', '--read-only', '--tmpfs', '/tmp'];

function skipReason(): string | undefined {
  const problems = buildPrerequisites();
  if (problems.length > 0) return problems.join('; ');
  if (!ilert || !existsSync(ilert.entry)) return 'baton-ilert is not built (build the workspace first)';
  return ensureDockerInstalled();
}

const skip = skipReason();
if (skip) console.warn(`skipping the baton-ilert image test: ${skip}`);

describe.skipIf(skip !== undefined)('the baton-ilert container image', () => {
  let dir: string;
  let build: BuildResult;
  let engine: DockerEngine;
  let sandbox: Sandbox;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runner-image-'));
    [engine, build] = await Promise.all([startDockerEngine(), buildConnector(ilert!, join(dir, 'out'))]);
    const base = await assembleBaseContext(build.binaryPath, join(dir, 'base'));
    await engine.docker(['build', '-q', '-t', BASE_TAG, base.dir]);
    await engine.docker(['build', '-q', '--build-arg', `BASE_IMAGE=${BASE_TAG}`, '-t', build.manifest.image, build.dir]);
    sandbox = await startSandbox({ seed: 11, ilert: { users: 20, teams: 3 } });
  }, 240_000);

  afterAll(async () => {
    await sandbox?.close();
    await engine?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('syncs the sandbox from a read-only container into the /data volume', async () => {
    const data = join(dir, 'data');
    await mkdir(data);
    await chown(data, IMAGE_UID, IMAGE_UID);
    const { baseUrl, token, org } = sandbox.services.ilert;
    await engine.docker([
      'run',
      '--rm',
      ...LOCKED_DOWN,
      '-v',
      `${data}:/data`,
      '-e',
      `BATON_ILERT_API_TOKEN=${token}`,
      '-e',
      `BATON_ILERT_BASE_URL=${baseUrl}`,
      '-e',
      'BATON_LOG_LEVEL=warn',
      build.manifest.image,
    ]);
    const { stdout } = await run(build.binaryPath, ['stats', '--file', join(data, 'sync.c1z')]);
    expect(stdout).toContain(String(org.users.length));
    const history = await engine.docker(['history', '--format', '{{.Size}}\t{{.CreatedBy}}', build.manifest.image]);
    const size = await engine.docker(['image', 'inspect', '--format', '{{.Size}}', build.manifest.image]);
    console.log(`image ${build.manifest.image}: ${(Number(size) / 1024 / 1024).toFixed(1)} MiB\n${history}`);
  });

  it('runs in service mode from a read-only container: uploads a full sync C1 asked for, and exits 0 on docker stop', async () => {
    const c1 = await startFakeC1({ pollMs: 100, heartbeatMs: 1000 });
    const name = 'baton-ilert-service-test';
    try {
      // The CA is public; the container's user 65532 must read it.
      const ca = join(dir, 'c1-ca.pem');
      await writeFile(ca, c1.caPem, { mode: 0o644 });
      const { baseUrl, token, org } = sandbox.services.ilert;
      const env = { ...c1.env(), NODE_EXTRA_CA_CERTS: CONTAINER_CA, BATON_ILERT_API_TOKEN: token, BATON_ILERT_BASE_URL: baseUrl };
      const taskId = c1.enqueue({ case: 'syncFull', value: {} });
      await engine.docker(
        [
          'run',
          '-d',
          '--name',
          name,
          ...LOCKED_DOWN,
          '-v',
          `${ca}:${CONTAINER_CA}:ro`,
          ...Object.keys(env).flatMap((key) => ['-e', key]),
          build.manifest.image,
          '--log-format',
          'json',
          '--host-id',
          'image-test',
        ],
        { env },
      );
      const finished = () => c1.state.finished.filter((request) => request.taskId === taskId).length;
      await waitForCount(finished, 1, 90_000).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await engine.docker(['logs', name], { withStderr: true })}`);
      });
      expect(c1.state.hellos[0]).toMatchObject({ hostId: 'image-test' });
      expect(c1.state.finished.find((request) => request.taskId === taskId)?.finalState.case).toBe('success');
      const upload = c1.state.uploads.find((received) => received.taskId === taskId);
      if (!upload) throw new Error('the full sync was not uploaded');
      const uploaded = join(dir, 'uploaded.c1z');
      await writeFile(uploaded, upload.bytes);
      const { stdout } = await run(build.binaryPath, ['stats', '--file', uploaded]);
      expect(JSON.parse(stdout)).toMatchObject({ resources: { user: org.users.length, team: org.teams.length } });

      const stopping = Date.now();
      await engine.docker(['stop', '--time', '30', name]);
      const stoppedInMs = Date.now() - stopping;
      const state = await engine.docker(['inspect', '--format', '{{.State.ExitCode}} {{.State.OOMKilled}}', name]);
      const logs = await engine.docker(['logs', name], { withStderr: true });
      expect(state.trim(), logs).toBe('0 false');
      expect(stoppedInMs).toBeLessThan(30_000);
      expect([c1.clientSecret, token, ...c1.state.issuedTokens].filter((secret) => logs.includes(secret))).toEqual([]);
      console.log(`service mode: full sync uploaded (${upload.bytes.length} bytes); docker stop took ${stoppedInMs} ms`);
    } finally {
      await engine.docker(['rm', '-f', name]).catch(() => '');
      await c1.close();
    }
  }, 180_000);
});
