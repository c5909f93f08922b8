/**
 * Files written by baton-sdk itself, at two versions (v0.25.0 with `--storage-engine sqlite`, and
 * v0.6.0, whose files lack the grant expansion and later sync-run columns and carry
 * `creationSource` on every resource): the fixture connector (compat/fixtureconnector) writes
 * them, and our `stats`, `resources`, `entitlements`, `grants` and `export` must read them and
 * print the objects baton-sdk v0.25's reader (compat/main.go) prints, unknown annotations
 * (`c1.connector.v2.ETag` on every grant) included.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/cli/test-connector.test-support.js';
import { byId, grantJson, idOf, resourceKeyOf, toProtoJson, type Json } from './protojson.test-support.js';

const here = dirname(fileURLToPath(import.meta.url));
const compatDir = join(here, '..', 'compat');
const fixturePath = join(here, 'fixtures', 'expansion-graphs.json');
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
if (!hasGo) console.warn('baton-files: skipped because `go` is not on PATH (install Go 1.25+ to run it)');

interface Dump {
  syncId: string;
  resourceTypes: Json[];
  resources: Json[];
  entitlements: Json[];
  grants: Json[];
}

/** The baton-sdk versions that write the files, and how each selects the v1 (SQLite) format. */
const WRITERS = [
  { version: 'v0.25.0', module: compatDir, flags: ['--storage-engine', 'sqlite'] },
  { version: 'v0.6.0', module: join(compatDir, 'v060'), flags: [] },
] as const;

describe.skipIf(!hasGo)('c1z files written by baton-sdk', () => {
  let dir: string;
  const files = new Map<string, string>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-files-'));
    const go = (args: string[], cwd: string) => execFileSync('go', args, { cwd, stdio: 'pipe' });
    go(['build', '-mod=readonly', '-o', join(dir, 'c1zdump'), '.'], compatDir);
    for (const writer of WRITERS) {
      // The same program, built in a copy of the module that pins this version.
      const build = join(dir, `build-${writer.version}`);
      mkdirSync(join(build, 'fixtureconnector'), { recursive: true });
      for (const name of ['go.mod', 'go.sum']) copyFileSync(join(writer.module, name), join(build, name));
      copyFileSync(join(compatDir, 'fixtureconnector', 'main.go'), join(build, 'fixtureconnector', 'main.go'));
      const binary = join(dir, `fixtureconnector-${writer.version}`);
      go(['build', '-mod=readonly', '-o', binary, './fixtureconnector'], build);
      const file = join(dir, `${writer.version}.c1z`);
      execFileSync(binary, ['--fixture', fixturePath, '--scenario', 'nested', '--file', file, '--log-level', 'error', ...writer.flags], {
        cwd: dir,
        stdio: 'pipe',
        env: { ...process.env, HOME: dir },
      });
      files.set(writer.version, file);
    }
  }, 1_800_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const ours = async (command: string, file: string): Promise<unknown> => {
    const { code, stdout, stderr } = await runDemo([command, '--file', file], { cwd: dir, env: {} });
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    return JSON.parse(stdout);
  };

  it.each(WRITERS.map((w) => w.version))(
    'baton-sdk %s: our inspect commands print what Baton reads',
    async (version) => {
      const file = files.get(version)!;
      const before = readFileSync(file);
      const printed = JSON.parse(execFileSync(join(dir, 'c1zdump'), [file], { encoding: 'utf8' })) as Dump;

      const stats = (await ours('stats', file)) as { syncId: string; type: string; resources: Record<string, number>; grants: number };
      expect(stats).toMatchObject({ syncId: printed.syncId, type: 'full', grants: printed.grants.length });
      expect(Object.values(stats.resources).reduce((a, b) => a + b, 0)).toBe(printed.resources.length);

      const resources = ((await ours('resources', file)) as unknown[]).map((r) => toProtoJson(r) as Json);
      const entitlements = ((await ours('entitlements', file)) as unknown[]).map((e) => toProtoJson(e) as Json);
      const grants = ((await ours('grants', file)) as unknown[]).map((g) => grantJson(g) as Json);
      expect(byId(resources, resourceKeyOf)).toEqual(byId(printed.resources, resourceKeyOf));
      expect(byId(entitlements, idOf)).toEqual(byId(printed.entitlements, idOf));
      expect(byId(grants, idOf)).toEqual(byId(printed.grants, idOf));

      const exported = (await ours('export', file)) as { syncId: string; resourceTypes: unknown[]; grants: unknown[] };
      expect(exported.syncId).toBe(printed.syncId);
      expect(
        byId(
          exported.resourceTypes.map((t) => toProtoJson(t) as Json),
          idOf,
        ),
      ).toEqual(byId(printed.resourceTypes, idOf));
      expect(
        byId(
          exported.grants.map((g) => grantJson(g) as Json),
          idOf,
        ),
      ).toEqual(byId(printed.grants, idOf));

      // The interesting parts were there: Baton's own ETag annotations and, from v0.6, creation sources.
      expect(JSON.stringify(grants)).toContain('c1.connector.v2.ETag');
      if (version === 'v0.6.0') expect(JSON.stringify(resources)).toContain('CREATION_SOURCE_CONNECTOR_LIST_RESOURCES');
      expect(readFileSync(file).equals(before)).toBe(true);
    },
    120_000,
  );
});
