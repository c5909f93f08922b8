/**
 * Integration, as a connector author outside this workspace would do it: packs the SDK and the
 * runner as they are published, scaffolds the SDK README's `baton-acme` walk-through (its
 * package.json, the files of `examples/acme`) in a temporary directory, installs the two
 * tarballs there with npm, builds the connector, runs `npx c1-runner build .` and then the
 * executable it wrote: `--version`, and a sync against a small Acme API served on 127.0.0.1.
 * Skips, saying why, only where this host cannot build executables.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrerequisites } from '../src/prerequisites.js';

const run = promisify(execFile);
const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const sdkDir = join(workspaceRoot, 'packages', 'connector-sdk');
const runnerDir = fileURLToPath(new URL('..', import.meta.url));
const { packageManager } = JSON.parse(await readFile(join(workspaceRoot, 'package.json'), 'utf8')) as { packageManager: string };

const skip = buildPrerequisites().join('; ') || undefined;
if (skip) console.warn(`skipping the third-party runner test: ${skip}`);

/** The `package.json` block of the SDK README's walk-through. */
async function readmePackageJson(): Promise<
  { dependencies: Record<string, string>; devDependencies: Record<string, string> } & Record<string, unknown>
> {
  const readme = await readFile(join(sdkDir, 'README.md'), 'utf8');
  // The walk-through's last step is the command this test runs.
  expect(readme).toContain('npx c1-runner build .');
  const block = /`package\.json`:\n\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('the SDK README has no package.json block');
  return JSON.parse(block) as never;
}

/** Packs a workspace package as the release does and returns the tarball's path. */
async function pack(dir: string, into: string): Promise<string> {
  const before = new Set(await readdir(into));
  await run('npx', ['--yes', packageManager, 'pack', '--pack-destination', into], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  const tarball = (await readdir(into)).find((name) => name.endsWith('.tgz') && !before.has(name));
  if (!tarball) throw new Error(`packing ${dir} wrote no tarball`);
  return join(into, tarball);
}

/** A tiny Acme API (the README's table): bearer key `k`, two users, one group with one member. */
function startAcmeApi(): Promise<{ server: Server; baseUrl: string }> {
  const ada = { id: 'u1', name: 'Ada', email: 'ada@acme.example', active: true };
  const bob = { id: 'u2', name: 'Bob', email: 'bob@acme.example', active: false };
  const lists: Record<string, object[]> = {
    '/v1/users': [ada, bob],
    '/v1/groups': [{ id: 'g1', name: 'Admins' }],
    '/v1/groups/g1/members': [ada],
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const list = lists[url.pathname];
    if (request.headers.authorization !== 'Bearer k') return void response.writeHead(401).end('{}');
    if (!list) return void response.writeHead(404).end('{}');
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list.slice(offset, offset + limit)));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ server, baseUrl: `http://127.0.0.1:${address.port}/v1` });
    });
  });
}

describe.skipIf(skip !== undefined)('c1-runner from its tarball, on a third-party connector', () => {
  let dir: string;
  let project: string;
  let built: { code: number; stdout: string; stderr: string };
  let api: { server: Server; baseUrl: string };
  const binary = () => join(project, 'out', 'acme', 'baton-acme');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runner-third-party-'));
    const tarballs = join(dir, 'tarballs');
    await mkdir(tarballs);
    const [sdkTarball, runnerTarball] = [await pack(sdkDir, tarballs), await pack(runnerDir, tarballs)];

    project = join(dir, 'baton-acme');
    await mkdir(join(project, 'src'), { recursive: true });
    const examples = join(sdkDir, 'examples', 'acme');
    for (const name of await readdir(examples)) {
      if (!name.endsWith('.test.ts')) await cp(join(examples, name), join(project, 'src', name));
    }
    // The README's package.json, with the two packages from their tarballs; the build and test
    // tools of the walk-through are not needed to build the binary.
    const manifest = await readmePackageJson();
    expect(manifest.devDependencies['@c1/runner']).toBeDefined();
    manifest.dependencies['@c1/connector-sdk'] = `file:${sdkTarball}`;
    manifest.devDependencies = { '@c1/runner': `file:${runnerTarball}` };
    await writeFile(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: project,
      maxBuffer: 16 * 1024 * 1024,
    });
    // The author's `npm run build` (tsup), here with the workspace's tsup on the same entry.
    const tsup = createRequire(import.meta.url).resolve('tsup/dist/cli-default.js');
    await run(process.execPath, [tsup, 'src/main.ts', '--format', 'esm', '--platform', 'node', '--target', 'node22', '--silent'], {
      cwd: project,
    });
    const result = spawnSync('npx', ['--no-install', 'c1-runner', 'build', '.'], { cwd: project, encoding: 'utf8' });
    built = { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
    api = await startAcmeApi();
  }, 600_000);

  afterAll(async () => {
    api?.server.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('brings no package with an install script or native build into the tree', async () => {
    const { stdout } = await run('npm', ['query', '#@c1/runner, #@c1/runner *'], { cwd: project });
    const tree = JSON.parse(stdout) as { name: string; scripts?: Record<string, string>; gypfile?: boolean }[];
    expect(tree.map((entry) => entry.name)).toContain('esbuild-wasm');
    const installing = tree.filter(
      (entry) => entry.gypfile === true || ['preinstall', 'install', 'postinstall'].some((hook) => entry.scripts?.[hook] !== undefined),
    );
    expect(installing.map((entry) => entry.name)).toEqual([]);
  });

  it('builds the package directory into the binary, its image context and its Kubernetes manifests', async () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^baton-acme 1\.0\.0 -> out\/acme\/baton-acme \(/);
    expect((await readdir(join(project, 'out', 'acme'))).sort()).toEqual(['Dockerfile', 'baton-acme', 'kubernetes', 'manifest.json']);
    const manifest = JSON.parse(await readFile(join(project, 'out', 'acme', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'acme', package: 'baton-acme', version: '1.0.0', image: 'ghcr.io/c1/baton-acme:1.0.0' });
    const service = await readFile(join(project, 'out', 'acme', 'kubernetes', 'service.yaml'), 'utf8');
    expect(service).toContain('BATON_ACME_API_KEY: <Acme API key>');
    expect(await readFile(join(project, 'out', 'acme', 'Dockerfile'), 'utf8')).toContain('COPY baton-acme /usr/local/bin/baton-acme');
  });

  it('writes a binary that prints its version and syncs the local Acme API into a c1z file', async () => {
    const { stdout: version } = await run(binary(), ['--version']);
    expect(version).toBe('baton-acme 1.0.0\n');
    const file = join(dir, 'acme.c1z');
    const env = { PATH: process.env['PATH'] ?? '', BATON_ACME_API_KEY: 'k' };
    await run(binary(), ['--acme-base-url', api.baseUrl, '-f', file, '--log-level', 'warn'], { cwd: dir, env });
    const { stdout: grants } = await run(binary(), ['grants', '-f', file], { cwd: dir, env });
    expect(grants).toContain('group:g1:member:user:u1');
    const { stdout: stats } = await run(binary(), ['stats', '-f', file], { cwd: dir, env });
    expect(JSON.parse(stats)).toMatchObject({ resources: { user: 2, group: 1 }, entitlements: 1, grants: 1 });
  });
});
