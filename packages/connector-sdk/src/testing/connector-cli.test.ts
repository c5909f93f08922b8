import { chmod, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, operatorMessageLines, runConnectorCli } from './connector-cli.js';

/** A CLI that reports its arguments, its BATON_* variables and whether the preload ran, then exits with its first argument. */
const REPORTING_CLI = `
const baton = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('BATON_')));
process.stdout.write(JSON.stringify({ args: process.argv.slice(2), baton, preloaded: globalThis.preloaded === true }));
process.stderr.write('a message for the operator\\n');
if (process.argv[2] === 'wait') setInterval(() => {}, 1000);
else process.exitCode = Number(process.argv[2]);
`;

let packageDir: string;

beforeEach(async () => {
  packageDir = await mkdtemp(join(tmpdir(), 'connector-cli-'));
  await mkdir(join(packageDir, 'dist'));
  await writeFile(join(packageDir, 'dist', 'main.js'), REPORTING_CLI);
  await writeFile(join(packageDir, 'preload.mjs'), 'globalThis.preloaded = true;\n');
});
afterEach(async () => {
  delete process.env.BATON_LEAKED_TOKEN;
  await rm(packageDir, { recursive: true, force: true });
});

describe('runConnectorCli', () => {
  it('passes only the BATON_* variables it is given and collects output and exit code', async () => {
    process.env.BATON_LEAKED_TOKEN = 'parent-secret';
    const result = await runConnectorCli(packageDir, ['3', '--flag'], { env: { BATON_API_TOKEN: 'child-token' } });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ args: ['3', '--flag'], baton: { BATON_API_TOKEN: 'child-token' }, preloaded: false });
    expect(result.stderr).toBe('a message for the operator\n');
  });

  it('loads preloads, resolved from the package directory, before the CLI', async () => {
    const result = await runConnectorCli(packageDir, ['0'], { preloads: ['./preload.mjs'] });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ preloaded: true });
  });

  it('hands the running child to the during hook and waits for both', async () => {
    let hookDone = false;
    const result = await runConnectorCli(packageDir, ['wait'], {
      during: async (child) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        child.kill('SIGTERM');
        hookDone = true;
      },
    });
    expect(hookDone).toBe(true);
    expect(result.code).toBeNull();
  });

  it('kills the child and rejects with the error when the during hook fails', async () => {
    const run = runConnectorCli(packageDir, ['wait'], { during: () => Promise.reject(new Error('the fault was never armed')) });
    await expect(run).rejects.toThrow('the fault was never armed');
  });
});

describe('ensureBuilt', () => {
  /** Installs a stand-in tsup that logs each build and writes dist/main.js. */
  async function installFakeTsup(): Promise<void> {
    const bin = join(packageDir, 'node_modules', '.bin');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'tsup'), '#!/bin/sh\nmkdir -p dist && echo built >> dist/builds.log && touch dist/main.js\n');
    await chmod(join(bin, 'tsup'), 0o755);
    await mkdir(join(packageDir, 'src', 'nested'), { recursive: true });
    await writeFile(join(packageDir, 'src', 'main.ts'), '');
    await writeFile(join(packageDir, 'src', 'nested', 'client.ts'), '');
  }
  const builds = async (): Promise<number> =>
    (await readFile(join(packageDir, 'dist', 'builds.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

  it('builds when dist/main.js is missing', async () => {
    await installFakeTsup();
    await rm(join(packageDir, 'dist'), { recursive: true });
    await ensureBuilt(packageDir);
    expect(await builds()).toBe(1);
  });

  it('leaves an up-to-date build alone and rebuilds when a nested source file is newer', async () => {
    await installFakeTsup();
    const past = new Date(Date.now() - 60_000);
    await utimes(join(packageDir, 'src', 'main.ts'), past, past);
    await utimes(join(packageDir, 'src', 'nested', 'client.ts'), past, past);
    await ensureBuilt(packageDir);
    expect(await builds()).toBe(0);

    const future = new Date(Date.now() + 60_000);
    await utimes(join(packageDir, 'src', 'nested', 'client.ts'), future, future);
    await ensureBuilt(packageDir);
    expect(await builds()).toBe(1);
  });

  it('does not rebuild for a newer test file beside the code', async () => {
    await installFakeTsup();
    const past = new Date(Date.now() - 60_000);
    await utimes(join(packageDir, 'src', 'main.ts'), past, past);
    await utimes(join(packageDir, 'src', 'nested', 'client.ts'), past, past);
    await writeFile(join(packageDir, 'src', 'nested', 'client.test.ts'), '');
    const future = new Date(Date.now() + 60_000);
    await utimes(join(packageDir, 'src', 'nested', 'client.test.ts'), future, future);
    await ensureBuilt(packageDir);
    expect(await builds()).toBe(0);
  });
});

describe('operatorMessageLines', () => {
  it('keeps the lines that are not JSON log lines', () => {
    const stderr = '{"level":"warn","msg":"retrying"}\nbaton-x: the token was rejected\n\n  \n{"level":"error"}\n';
    expect(operatorMessageLines(stderr)).toEqual(['baton-x: the token was rejected']);
  });
});
