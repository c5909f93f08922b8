/**
 * Permission failures as an operator meets them with the built `baton-ilert` binary: a folder
 * this user may not write, a --file it may not read, a --c1z-temp-dir it may not write. Each
 * error names the path, the flag and the next step, and the previous file is kept. Root ignores
 * file modes, so as root the CLI runs without the capabilities that let it.
 */
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  canDropFileOverrides,
  cleanFailureProblems,
  ensureBuilt,
  fileUnchangedBy,
  jsonBody,
  runConnectorCli,
  startHostileServer,
  type CliRunResult,
  type HostileServer,
} from '@c1/connector-sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'ilert-perm-token-71c4';

/**
 * Root ignores file modes, so as root the CLI runs without the capabilities that let it (through
 * setpriv); any other user meets them anyway.
 */
const asRoot = process.getuid?.() === 0;
const dropOverrides = asRoot && canDropFileOverrides();

const title = 'baton-ilert when this user may not read or write';
const skipReason = ' (skipped: running as root, and setpriv cannot drop the capabilities that ignore file modes)';

describe.skipIf(asRoot && !dropOverrides)(asRoot && !dropOverrides ? `${title}${skipReason}` : title, () => {
  let server: HostileServer;
  let dir: string;
  let locked: string;
  let open: string;

  beforeAll(async () => {
    await ensureBuilt(packageDir);
    server = await startHostileServer({
      '/api/users': () => jsonBody([{ id: 1, firstName: 'Ada', email: 'ada@example.test' }]),
      '/api/teams': () => jsonBody([]),
    });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-ilert-perm-'));
    await chmod(dir, 0o755);
    locked = join(dir, 'locked');
    open = join(dir, 'open');
    await mkdir(locked);
    await mkdir(open);
    await chmod(locked, 0o555); // nobody may create anything in it
    await chmod(open, 0o777);
  });
  afterEach(async () => {
    await chmod(locked, 0o755);
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (args: string[], asUser = true): Promise<CliRunResult> =>
    runConnectorCli(packageDir, ['--ilert-base-url', `${server.origin}/api`, '--log-level', 'error', ...args], {
      env: { BATON_ILERT_API_TOKEN: TOKEN },
      withoutFileOverrides: asUser && dropOverrides,
    });

  function expectCleanFailure(result: CliRunResult, message: string): void {
    expect(cleanFailureProblems(result, { binary: 'baton-ilert', code: 1, message, secrets: [TOKEN] }), result.stderr).toEqual([]);
  }

  it('names the folder of --file it may not write, and --file', async () => {
    const result = await cli(['-f', join(locked, 'sync.c1z')]);
    expectCleanFailure(result, `permission denied creating files in ${locked}: choose a folder you can write to with --file / BATON_FILE`);
  });

  it('names the folder it may not create a missing folder of --file in', async () => {
    const result = await cli(['-f', join(locked, 'nested', 'sync.c1z')]);
    expectCleanFailure(result, `permission denied creating files in ${locked}: choose a folder you can write to with --file / BATON_FILE`);
  });

  it('says it may not read --file, and keeps that file', async () => {
    const file = join(open, 'sync.c1z');
    expect((await cli(['-f', file], false)).code).toBe(0);
    await chmod(file, 0o000);
    await expect(
      fileUnchangedBy(file, async () => {
        expectCleanFailure(
          await cli(['-f', file]),
          `permission denied reading ${file}: give this user read and write access to it, or choose another file with --file / BATON_FILE; ${file} was left as it was`,
        );
      }),
    ).resolves.toBe(true);
  });

  it('says an inspect command may not read --file', async () => {
    const file = join(open, 'sync.c1z');
    expect((await cli(['-f', file], false)).code).toBe(0);
    await chmod(file, 0o000);
    expectCleanFailure(
      await cli(['stats', '-f', file]),
      `permission denied reading ${file}: give this user read access to it, or choose another file with --file / BATON_FILE`,
    );
  });

  it('names --c1z-temp-dir when that is the folder it may not write', async () => {
    const result = await cli(['-f', join(open, 'sync.c1z'), '--c1z-temp-dir', locked]);
    expectCleanFailure(
      result,
      `permission denied creating files in ${locked}: choose a folder you can write to with --c1z-temp-dir / BATON_C1Z_TEMP_DIR`,
    );
  });
});
