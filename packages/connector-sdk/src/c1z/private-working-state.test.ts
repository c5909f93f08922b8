import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFixture } from './fixture.test-support.js';
import { openC1zReader, openSyncStore } from './open.js';

/** The unprivileged second user of the machine. */
const NOBODY = 65534;
const runAsRoot = process.getuid?.() === 0;

let root: string;
let shared: string;
let output: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'c1z-private-'));
  chmodSync(root, 0o755);
  shared = join(root, 'shared-tmp');
  mkdirSync(shared);
  chmodSync(shared, 0o1777); // like /tmp: everyone may create entries
  const mine = join(root, 'mine');
  mkdirSync(mine, { mode: 0o700 });
  output = join(mine, 'sync.c1z');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

let otherUsersNode: string | undefined;
afterAll(() => {
  if (otherUsersNode !== undefined && otherUsersNode !== process.execPath)
    rmSync(dirname(otherUsersNode), { recursive: true, force: true });
});

/**
 * A Node binary the other user can run: this one, or (when this checkout lives in a folder only
 * this user may enter, like a `mktemp -d` one) a link to it in a folder everyone may enter.
 */
function nodeForOtherUser(): string {
  if (otherUsersNode !== undefined) return otherUsersNode;
  if (spawnSync(process.execPath, ['-e', '0'], { uid: NOBODY, gid: NOBODY }).status === 0) return (otherUsersNode = process.execPath);
  const dir = mkdtempSync(join(tmpdir(), 'node-for-nobody-'));
  chmodSync(dir, 0o755);
  const node = join(dir, 'node');
  try {
    linkSync(process.execPath, node);
  } catch {
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  return (otherUsersNode = node);
}

/** Runs `script` (CommonJS) as the other user; fails the test if it fails. */
function asOtherUser(script: string): void {
  const child = spawnSync(nodeForOtherUser(), ['-e', script], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
}

/** The working directory a sync into `output` uses in the shared temp dir, found by opening once. */
async function predictableWorkDir(): Promise<string> {
  const store = await openSyncStore(output, { tempDir: shared });
  const [name] = readdirSync(shared);
  store.abandon();
  expect(name).toBeDefined();
  return join(shared, name as string);
}

/** An unfinished sync holding one forged grant, as an attacker would prepare it; its directory. */
async function forgedWorkingState(): Promise<string> {
  const elsewhere = join(root, 'forged.c1z');
  const store = await openSyncStore(elsewhere);
  const syncId = store.startSync();
  const fixture = buildFixture();
  store.putResourceTypes(syncId, fixture.resourceTypes);
  store.putResources(syncId, fixture.resources);
  store.putEntitlements(syncId, fixture.entitlements);
  store.putGrants(syncId, fixture.grants);
  store.abandon();
  const dir = `${elsewhere}.work`;
  chmodSync(root, 0o755);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o644);
  chmodSync(dir, 0o755);
  return dir;
}

describe.runIf(runAsRoot)('working state in a shared temp directory', () => {
  it('refuses a working directory another user planted there, with a forged sync in it, and never resumes it', async () => {
    const workDir = await predictableWorkDir();
    const forged = await forgedWorkingState();
    asOtherUser(
      `const fs = require('node:fs');
       fs.mkdirSync(${JSON.stringify(workDir)}, { mode: 0o777 });
       fs.chmodSync(${JSON.stringify(workDir)}, 0o777);
       fs.copyFileSync(${JSON.stringify(join(forged, 'sync.db'))}, ${JSON.stringify(join(workDir, 'sync.db'))});`,
    );
    expect(statSync(workDir).uid).toBe(NOBODY);

    await expect(openSyncStore(output, { tempDir: shared })).rejects.toMatchObject({
      code: 'failed-precondition',
      message: `refusing the working directory ${workDir}: it belongs to another user (uid ${NOBODY}) - remove it, or choose another place with --c1z-temp-dir / BATON_C1Z_TEMP_DIR`,
    });
    expect(readdirSync(workDir)).toEqual(['sync.db']);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(`${output}.lock`)).toBe(false);
  });

  it('refuses a working directory that is a symlink to where another user chose, and writes nothing there', async () => {
    const workDir = await predictableWorkDir();
    const target = join(root, 'attacker');
    mkdirSync(target);
    chownSync(target, NOBODY, NOBODY);
    asOtherUser(
      `const fs = require('node:fs');
       fs.chmodSync(${JSON.stringify(target)}, 0o777);
       fs.symlinkSync(${JSON.stringify(target)}, ${JSON.stringify(workDir)});`,
    );
    await expect(openSyncStore(output, { tempDir: shared })).rejects.toThrow(
      `refusing the working directory ${workDir}: it is a symbolic link`,
    );
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses a planted working database inside our own directory', async () => {
    const workDir = await predictableWorkDir();
    mkdirSync(workDir, { mode: 0o700 });
    const forged = await forgedWorkingState();
    cpSync(join(forged, 'sync.db'), join(workDir, 'sync.db'));
    chownSync(join(workDir, 'sync.db'), NOBODY, NOBODY);
    await expect(openSyncStore(output, { tempDir: shared })).rejects.toThrow(
      `refusing the working file ${join(workDir, 'sync.db')}: it belongs to another user (uid ${NOBODY})`,
    );
  });
});

describe('working state privacy', () => {
  it('refuses our own working directory when it is open to other users', async () => {
    const workDir = `${output}.work`;
    mkdirSync(workDir, { mode: 0o755 });
    chmodSync(workDir, 0o755);
    await expect(openSyncStore(output)).rejects.toThrow(`refusing the working directory ${workDir}: it is open to other users (mode 755)`);
  });

  it('creates the directory 0700 and the database, journal and WAL 0600 from the first byte, even under umask 000', async () => {
    const previous = process.umask(0);
    try {
      const store = await openSyncStore(output, { tempDir: shared });
      const syncId = store.startSync();
      const fixture = buildFixture();
      store.putResourceTypes(syncId, fixture.resourceTypes);
      store.putResources(syncId, fixture.resources);
      store.checkpoint(syncId, '{}');
      const [name] = readdirSync(shared);
      const workDir = join(shared, name as string);
      expect(statSync(workDir).mode & 0o777).toBe(0o700);
      const files = readdirSync(workDir).filter((file) => file.startsWith('sync.db'));
      expect(files).toContain('sync.db');
      for (const file of files) expect([file, statSync(join(workDir, file)).mode & 0o777]).toEqual([file, 0o600]);
      store.endSync(syncId);
      await store.finish();
      expect(statSync(output).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});

describe('output file lock', () => {
  it('refuses a second sync into the same file that uses another temp directory', async () => {
    const other = mkdtempSync(join(root, 'other-tmp-'));
    const first = await openSyncStore(output, { tempDir: shared });
    await expect(openSyncStore(output, { tempDir: other })).rejects.toMatchObject({
      code: 'failed-precondition',
      message: `another sync is writing ${output} (pid ${process.pid})`,
    });
    await expect(openSyncStore(output)).rejects.toMatchObject({ code: 'failed-precondition' });
    const syncId = first.startSync();
    first.endSync(syncId);
    await first.finish();
    expect(existsSync(`${output}.lock`)).toBe(false);
    const reader = await openC1zReader(output);
    expect(reader.syncs().map((sync) => sync.syncId)).toEqual([syncId]);
    reader.close();
  });
});
