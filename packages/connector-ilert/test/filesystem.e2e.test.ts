/**
 * File-system failures as an operator meets them with the built `baton-ilert` binary: each
 * says what happened, names --file or --c1z-temp-dir and the next step, and keeps the previous
 * file. Full and read-only disks are real (small tmpfs mounts), so those tests need root.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
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
const TOKEN = 'ilert-fs-token-3e9a';
const USERS = 4000;
const asRoot = process.getuid?.() === 0;

describe('baton-ilert when the file system fails', () => {
  let server: HostileServer;
  let dir: string;
  let file: string;
  const mounts: string[] = [];

  beforeAll(async () => {
    await ensureBuilt(packageDir);
    const users = Array.from({ length: USERS }, (_, i) => ({
      id: i + 1,
      firstName: `User ${i + 1}`,
      email: `user${i + 1}@example.test`,
      department: 'x'.repeat(200),
    }));
    server = await startHostileServer({
      '/api/users': ({ query }) => {
        const start = Number(query.get('start-index') ?? 0);
        return jsonBody(users.slice(start, start + Number(query.get('max-results') ?? 100)));
      },
      '/api/teams': () => jsonBody([]),
    });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-ilert-fs-'));
    file = join(dir, 'sync.c1z');
  });
  afterEach(async () => {
    for (const mount of mounts.splice(0)) execFileSync('umount', [mount]);
    await rm(dir, { recursive: true, force: true });
  });

  const sync = (args: string[] = []): Promise<CliRunResult> =>
    runConnectorCli(packageDir, ['--ilert-base-url', `${server.origin}/api`, '-f', file, '--log-level', 'error', ...args], {
      env: { BATON_ILERT_API_TOKEN: TOKEN },
    });

  function expectCleanFailure(result: CliRunResult, message: string | RegExp): void {
    expect(cleanFailureProblems(result, { binary: 'baton-ilert', code: 1, message, secrets: [TOKEN] }), result.stderr).toEqual([]);
  }

  function tmpfs(name: string, options: string): string {
    const mount = join(dir, name);
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mount]);
    mounts.push(mount);
    return mount;
  }

  it('says --file names a directory when it does', async () => {
    mkdirSync(file);
    const result = await sync();
    expectCleanFailure(result, `${file} is a directory: --file / BATON_FILE names the c1z file to write`);
  });

  it('says to remove a damaged working database, naming its directory', async () => {
    mkdirSync(`${file}.work`, { mode: 0o700 });
    writeFileSync(join(`${file}.work`, 'sync.db'), Buffer.alloc(8192, 0x5a), { mode: 0o600 });
    const result = await sync();
    expectCleanFailure(result, `the working database in ${file}.work is damaged: remove that directory to start the sync afresh`);
  });

  describe.runIf(asRoot)('on real small disks', () => {
    it('says the disk is full, naming --c1z-temp-dir, and keeps the previous file', async () => {
      expect((await sync()).code).toBe(0);
      const full = tmpfs('full', 'size=256k');
      await expect(
        fileUnchangedBy(file, async () => {
          const result = await sync(['--c1z-temp-dir', full]);
          expectCleanFailure(
            result,
            /the disk is full \(writing .*\): free some space or choose another folder with --file \/ BATON_FILE or --c1z-temp-dir \/ BATON_C1Z_TEMP_DIR/,
          );
          expect(result.stderr).not.toContain('no transaction is active');
        }),
      ).resolves.toBe(true);
    });

    it('says the output folder is read-only, naming --file', async () => {
      const readOnly = tmpfs('ro', 'ro,size=64k');
      file = join(readOnly, 'sync.c1z');
      const result = await sync();
      expectCleanFailure(result, `is on a read-only file system: choose a writable folder with --file / BATON_FILE`);
    });
  });
});
