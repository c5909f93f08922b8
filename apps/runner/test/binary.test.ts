/**
 * Integration: builds the baton-ilert single executable into a temporary directory, runs it,
 * syncs a small org from the sandbox (loopback) into a c1z file and reads that file back with
 * the SDK. Skips, saying why, when this host cannot build executables or ilert is not built.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SYNC_NODE_FLAGS } from '@c1/connector-sdk/bin';
import { openC1zReader } from '@c1/connector-sdk/c1z';
import { startSandbox, type Sandbox } from '@c1/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConnector, sha256File, type BuildResult } from '../src/build.js';
import { discoverConnectors } from '../src/connectors.js';
import { buildPrerequisites } from '../src/prerequisites.js';

const run = promisify(execFile);
const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ilert = discoverConnectors(workspaceRoot).find((connector) => connector.name === 'ilert');
const moduleList = fileURLToPath(new URL('./fixtures/module-list.cjs', import.meta.url));

function skipReason(): string | undefined {
  const problems = buildPrerequisites();
  if (problems.length > 0) return problems.join('; ');
  if (!ilert) return 'no ilert connector package';
  if (!existsSync(ilert.entry)) return `${ilert.entry} is missing (build the workspace first)`;
  return undefined;
}

const skip = skipReason();
if (skip) console.warn(`skipping the baton-ilert executable test: ${skip}`);

describe.skipIf(skip !== undefined)('the baton-ilert single executable', () => {
  let dir: string;
  let build: BuildResult;
  let sandbox: Sandbox;

  /** Runs the executable with a clean BATON_* environment. */
  async function binary(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BATON_')));
    try {
      const { stdout, stderr } = await run(build.binaryPath, args, { cwd: dir, env: { ...base, ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runner-ilert-'));
    build = await buildConnector(ilert!, join(dir, 'out'));
    sandbox = await startSandbox({ seed: 7, ilert: { users: 30, teams: 4 } });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the binary, its Dockerfile, a manifest with its checksum and the Kubernetes manifests, and nothing else', async () => {
    expect((await readdir(build.dir)).sort()).toEqual(['Dockerfile', 'baton-ilert', 'kubernetes', 'manifest.json']);
    expect((await readdir(join(build.dir, 'kubernetes'))).sort()).toEqual(['cronjob.yaml', 'service.yaml']);
    expect(await readFile(join(build.dir, 'kubernetes', 'service.yaml'), 'utf8')).toContain('BATON_ILERT_API_TOKEN');
    const manifest = JSON.parse(await readFile(join(build.dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'ilert',
      binary: 'baton-ilert',
      node: process.version,
      image: `ghcr.io/c1/baton-ilert:${ilert!.version}`,
    });
    expect(manifest['sha256']).toBe(await sha256File(build.binaryPath));
    expect(manifest['size']).toBe((await stat(build.binaryPath)).size);
    expect((await stat(build.binaryPath)).mode & 0o111).toBe(0o111);
  });

  it('is byte-reproducible: a second build gives the same SHA-256', async () => {
    const again = await buildConnector(ilert!, join(dir, 'again'));
    expect(again.manifest.sha256).toBe(build.manifest.sha256);
  }, 120_000);

  it('prints its version and help', async () => {
    const version = await binary(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `baton-ilert ${ilert!.version}\n` });
    const help = await binary(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--ilert-api-token');
    expect(help.stdout).toContain('BATON_ILERT_API_TOKEN');
    expect(help.stdout).toBe((await run(process.execPath, [ilert!.entry, '--help'])).stdout);
  });

  it('answers --help and --version from its start script, running the full CLI only for other commands', async () => {
    /** The built-in modules a run of the executable loaded. */
    const builtinsLoaded = async (args: string[]): Promise<string[]> => {
      const log = join(dir, `modules-${args.join('_')}.txt`);
      await binary(args, { NODE_OPTIONS: `--require ${moduleList}`, MODULE_LIST_LOG: log });
      return (await readFile(log, 'utf8')).split('\n');
    };
    // The full CLI is compiled with node:vm; HTTP, gRPC and the store load these at its start.
    const heavy = [
      'NativeModule vm',
      'NativeModule http',
      'NativeModule tls',
      'NativeModule http2',
      'NativeModule sqlite',
      'NativeModule zlib',
    ];
    for (const args of [['--help'], ['--version']]) {
      expect(
        (await builtinsLoaded(args)).filter((name) => heavy.includes(name)),
        args[0],
      ).toEqual([]);
    }
    expect(await builtinsLoaded(['validate'])).toEqual(expect.arrayContaining(['NativeModule vm', 'NativeModule http']));
  });

  it("starts with the SDK's sync flags, as the npm bin's first line gives them", async () => {
    const probe = join(dir, 'exec-argv-probe.cjs');
    const log = join(dir, 'exec-argv.json');
    await writeFile(probe, "require('node:fs').writeFileSync(process.env.EXEC_ARGV_LOG, JSON.stringify(process.execArgv));\n");
    expect((await binary(['--version'], { NODE_OPTIONS: `--require ${probe}`, EXEC_ARGV_LOG: log })).code).toBe(0);
    expect(JSON.parse(await readFile(log, 'utf8'))).toEqual(expect.arrayContaining([...SYNC_NODE_FLAGS]));
  });

  it('writes no compile cache or other file into its temporary directory', async () => {
    const temp = await mkdtemp(join(dir, 'tmp-'));
    expect((await binary(['--version'], { TMPDIR: temp })).code).toBe(0);
    expect((await binary(['config'], { TMPDIR: temp })).code).toBe(0);
    expect(await readdir(temp)).toEqual([]);
  });

  it('syncs the sandbox org into a c1z file the SDK reads back', async () => {
    const file = join(dir, 'sync.c1z');
    const { baseUrl, token, org } = sandbox.services.ilert;
    const result = await binary(['--ilert-base-url', baseUrl, '-f', file, '--log-level', 'warn'], { BATON_ILERT_API_TOKEN: token });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain(token);
    const reader = await openC1zReader(file);
    try {
      const latest = reader.latestFinishedSync();
      expect(latest).toBeDefined();
      const stats = reader.stats(latest!.syncId);
      expect(stats.resources).toEqual({ user: org.users.length, team: org.teams.length });
      expect(stats.grants).toBe(org.teams.reduce((sum, team) => sum + team.members.length, 0));
    } finally {
      reader.close();
    }
  });
});
