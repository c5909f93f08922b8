import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zstdCompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { C1Z_V1_HEADER, C1zFormatError, readC1zFile } from './container.js';
import { buildFixture } from './fixture.test-support.js';
import { openC1zReader, openSyncStore } from './open.js';
import type { SyncStore } from './store-types.js';

let dir: string;
let path: string;
let workDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'c1z-work-'));
  path = join(dir, 'sync.c1z');
  workDir = `${path}.work`;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeFixture(store: SyncStore, syncId: string): void {
  const fixture = buildFixture();
  store.putResourceTypes(syncId, fixture.resourceTypes);
  store.putResources(syncId, fixture.resources);
  store.putEntitlements(syncId, fixture.entitlements);
  store.putGrants(syncId, fixture.grants);
}

async function fullSync(): Promise<string> {
  const store = await openSyncStore(path);
  const syncId = store.startSync();
  writeFixture(store, syncId);
  store.endSync(syncId);
  await store.finish();
  return syncId;
}

/** A pid no process has: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

describe('working state', () => {
  it('keeps a finished sync whose export failed when the next run stops before syncing, and exports it later', async () => {
    const first = await fullSync();
    const store = await openSyncStore(path);
    const finished = store.startSync();
    writeFixture(store, finished);
    store.endSync(finished);
    rmSync(path);
    mkdirSync(join(path, 'in-the-way'), { recursive: true }); // the rename over the output fails
    await expect(store.finish()).rejects.toThrow(/could not write/);
    rmSync(path, { recursive: true });

    const stopped = await openSyncStore(path); // say validation fails: no sync starts
    stopped.abandon();
    expect(existsSync(workDir)).toBe(true);

    const next = await openSyncStore(path);
    expect(next.unfinishedSync()).toBeUndefined();
    expect(next.syncs().map((s) => s.syncId)).toEqual([first, finished]);
    const latest = next.startSync();
    next.endSync(latest);
    await next.finish();
    const reader = await openC1zReader(path);
    expect(reader.syncs().map((s) => s.syncId)).toEqual([first, finished, latest]);
    expect(reader.stats(finished).grants).toBe(6);
    reader.close();
  });

  it('removes its fresh copy of the output when abandoned before a sync starts', async () => {
    await fullSync();
    const before = readFileSync(path);
    const store = await openSyncStore(path);
    store.abandon();
    expect(existsSync(workDir)).toBe(false);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('keeps working state it found even when it holds no sync', async () => {
    mkdirSync(workDir, { mode: 0o700 });
    writeFileSync(join(workDir, 'note'), 'left by an earlier run');
    const store = await openSyncStore(path);
    store.abandon();
    expect(readdirSync(workDir).sort()).toEqual(['note', 'sync.db']);
  });
});

describe('working directory lock', () => {
  it('refuses a second sync into the same file until the first is done', async () => {
    const first = await openSyncStore(path);
    const refused = openSyncStore(path);
    await expect(refused).rejects.toThrow(ConnectorError);
    await expect(refused).rejects.toMatchObject({
      code: 'failed-precondition',
      message: `another sync is writing ${path} (pid ${process.pid})`,
    });
    const syncId = first.startSync();
    first.abandon();

    const second = await openSyncStore(path);
    expect(second.unfinishedSync()?.syncId).toBe(syncId);
    second.endSync(syncId);
    await second.finish();
    expect(existsSync(workDir)).toBe(false);
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    mkdirSync(workDir, { mode: 0o700 });
    writeFileSync(`${path}.lock`, `${deadPid()}\n`);
    const store = await openSyncStore(path);
    expect(readFileSync(`${path}.lock`, 'utf8').trim()).toBe(String(process.pid));
    store.startSync();
    store.abandon();
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(existsSync(join(workDir, 'sync.db'))).toBe(true);
  });

  it('is released when writing the file fails, so the next run can resume', async () => {
    const store = await openSyncStore(path);
    const syncId = store.startSync();
    store.endSync(syncId);
    mkdirSync(join(path, 'in-the-way'), { recursive: true });
    await expect(store.finish()).rejects.toThrow();
    const again = await openSyncStore(path);
    expect(again.syncs().map((s) => s.syncId)).toEqual([syncId]);
    again.abandon();
  });
});

describe('unreadable files', () => {
  const unreadableMessage = (): string => `${path} is not a readable c1z file: truncated or corrupt`;

  async function truncatedOutput(): Promise<void> {
    await fullSync();
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
  }

  it('reports a truncated file as such and leaves nothing behind', async () => {
    await truncatedOutput();
    const opening = openSyncStore(path);
    await expect(opening).rejects.toThrow(C1zFormatError);
    await expect(opening).rejects.toThrow(unreadableMessage());
    expect(readdirSync(dir)).toEqual(['sync.c1z']);
    await expect(openC1zReader(path)).rejects.toThrow(unreadableMessage());
  });

  it('removes only what it created in a working directory that was already there', async () => {
    await truncatedOutput();
    mkdirSync(workDir, { mode: 0o700 });
    writeFileSync(join(workDir, 'note'), 'left by an earlier run');
    await expect(openSyncStore(path)).rejects.toThrow(C1zFormatError);
    expect(readdirSync(workDir)).toEqual(['note']);
  });

  it('reports a well-formed frame that holds no SQLite database', async () => {
    writeFileSync(path, Buffer.concat([C1Z_V1_HEADER, zstdCompressSync(Buffer.from('not a database '.repeat(100)))]));
    await expect(openSyncStore(path)).rejects.toThrow(unreadableMessage());
    expect(readdirSync(dir)).toEqual(['sync.c1z']);
    await expect(openC1zReader(path)).rejects.toThrow(unreadableMessage());
  });

  it("takes over a lock holding this process's own pid that this process does not hold (a container's pid 1)", async () => {
    mkdirSync(workDir, { mode: 0o700 });
    writeFileSync(`${path}.lock`, `${process.pid}\n`);
    const store = await openSyncStore(path);
    store.abandon();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('leaves the working directory of a live holder alone when refused', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      mkdirSync(workDir, { mode: 0o700 });
      writeFileSync(`${path}.lock`, `${holder.pid}\n`);
      writeFileSync(join(workDir, 'sync.db'), 'theirs');
      await expect(openSyncStore(path)).rejects.toMatchObject({ code: 'failed-precondition' });
      expect(readdirSync(workDir)).toEqual(['sync.db']);
      expect(readFileSync(`${path}.lock`, 'utf8').trim()).toBe(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it('reports a damaged SQLite database inside a well-formed frame', async () => {
    await fullSync();
    const healthy = join(dir, 'healthy.db');
    await readC1zFile(path, healthy);
    const bytes = readFileSync(healthy);
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, 100, Math.min(bytes.length, 8192));
    writeFileSync(path, Buffer.concat([C1Z_V1_HEADER, zstdCompressSync(damaged)]));
    await expect(openC1zReader(path)).rejects.toThrow(unreadableMessage());
  });
});

describe('decompression bombs', () => {
  /** A c1z whose payload inflates to `bytes` bytes, starting with `head`. */
  function bomb(head: Buffer, bytes: number): void {
    const payload = Buffer.alloc(bytes);
    head.copy(payload);
    writeFileSync(path, Buffer.concat([C1Z_V1_HEADER, zstdCompressSync(payload)]));
  }

  it('refuses a payload that is not a SQLite database at its first bytes, unpacking nothing past them', async () => {
    bomb(Buffer.from('not sqlite'), 256 * 1024 * 1024);
    const unpacked = join(dir, 'unpacked.db');
    await expect(readC1zFile(path, unpacked)).rejects.toThrow(`${path} is not a readable c1z file: truncated or corrupt`);
    expect(statSync(unpacked).size).toBeLessThan(16 * 1024 * 1024);
    await expect(openC1zReader(path)).rejects.toThrow(C1zFormatError);
    expect(readdirSync(dir).sort()).toEqual(['sync.c1z', 'unpacked.db']);
  });

  it('stops unpacking a database that inflates past the cap', async () => {
    bomb(Buffer.from('SQLite format 3\0', 'latin1'), 64 * 1024 * 1024);
    const unpacked = join(dir, 'unpacked.db');
    await expect(readC1zFile(path, unpacked, 8 * 1024 * 1024)).rejects.toThrow(
      `${path} inflates to more than 8388608 bytes; refusing to unpack it`,
    );
    expect(statSync(unpacked).size).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
