/**
 * Integration: builds the baton-ilert executable, a distroless-like base from this machine's
 * Debian files and the connector image on a private Docker daemon (no bridge, no iptables),
 * then runs a one-shot sync in the image, read-only with a /data volume, against the sandbox
 * on 127.0.0.1, and reads the c1z back with the built CLI's `stats`. Skips, saying why, only
 * where Docker cannot run (not root, or no apt-get to install it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '@c1/sandbox';
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
      'run', '--rm', '--network', 'host', '--read-only', '--tmpfs', '/tmp', '-v', `${data}:/data`,
      '-e', `BATON_ILERT_API_TOKEN=${token}`, '-e', `BATON_ILERT_BASE_URL=${baseUrl}`, '-e', 'BATON_LOG_LEVEL=warn',
      build.manifest.image,
    ]);
    const { stdout } = await run(build.binaryPath, ['stats', '--file', join(data, 'sync.c1z')]);
    expect(stdout).toContain(String(org.users.length));
    const history = await engine.docker(['history', '--format', '{{.Size}}\t{{.CreatedBy}}', build.manifest.image]);
    const size = await engine.docker(['image', 'inspect', '--format', '{{.Size}}', build.manifest.image]);
    console.log(`image ${build.manifest.image}: ${(Number(size) / 1024 / 1024).toFixed(1)} MiB\n${history}`);
  });
});
