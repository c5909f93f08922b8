/**
 * The built `c1-runner` command line: its version, and the exit code 2 with a message saying
 * what to pass when the argument is neither a connector package nor a workspace connector.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { buildPrerequisites } from '../src/prerequisites.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'runner-cli-'));

function runner(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: scratch, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!existsSync(cli))('c1-runner', () => {
  it('ships as one file that carries no SDK code: it reads the SDK of the connector it builds', () => {
    expect(readdirSync(dirname(cli))).toEqual(['cli.js']);
    expect(readFileSync(cli, 'utf8')).not.toMatch(/undici|@c1\/connector-sdk\/bin/);
  });

  it('prints its version', () => {
    expect(runner(['--version'])).toMatchObject({ code: 0, stdout: `c1-runner ${packageJson.version}\n` });
  });

  it('exits 2 naming the missing package.json for a directory that is not a package', () => {
    const result = runner(['build', './nowhere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${join(scratch, 'nowhere', 'package.json')} does not exist: pass the directory of a connector package\n`);
  });

  it('exits 2 for a package not built on the SDK, and writes nothing', () => {
    const dir = join(scratch, 'plain');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'plain', version: '1.0.0', bin: { plain: 'main.js' } }));
    const result = runner(['build', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no "@c1/connector-sdk" in "dependencies"');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 2 for an unknown workspace connector, listing the known ones', () => {
    const result = runner(['build', 'okta']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^unknown connector "okta" \(known: ilert, ironclad, rudderstack, scalr, teamtailor; or pass a package directory, e.g. \.\/okta\)\n$/,
    );
  });

  it('exits 2 with the usage for a missing argument', () => {
    const result = runner(['build']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: c1-runner build <package-dir>');
  });

  it.skipIf(buildPrerequisites().length > 0)('exits 1 naming the build step when the package is not built yet', () => {
    const dir = join(scratch, 'unbuilt');
    mkdirSync(dir);
    const manifest = {
      name: 'baton-acme',
      version: '1.0.0',
      bin: { 'baton-acme': './dist/main.js' },
      dependencies: { '@c1/connector-sdk': '^0.1.0' },
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    const result = runner(['build', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(dir, 'dist', 'main.js')} is missing: build baton-acme first (its build script, e.g. npm run build)`,
    );
  });
});
