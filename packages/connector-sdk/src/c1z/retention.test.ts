import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineResourceType, userResource } from '../model/builders.js';
import { selectSyncsToPrune } from './c1z-database.js';
import { readC1zFile } from './container.js';
import { openC1zReader, openSyncStore } from './open.js';
import type { SyncRun, SyncType } from './store-types.js';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'c1z-retention-'));
  path = join(dir, 'sync.c1z');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const USER = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

function users(count: number, tag: string) {
  return Array.from({ length: count }, (_, i) =>
    userResource({
      type: USER,
      id: `${tag}${i}`,
      displayName: `${tag} person ${i}`,
      user: { emails: [{ address: `${tag}-${i}@old.example`, isPrimary: true }] },
    }),
  );
}

async function sync(type: SyncType = 'full', count = 3, tag = 'current'): Promise<string> {
  const store = await openSyncStore(path);
  const syncId = store.startSync(type);
  store.putResources(syncId, users(count, tag));
  store.endSync(syncId);
  await store.finish();
  await new Promise((done) => setTimeout(done, 5)); // distinct start and end times
  return syncId;
}

async function unpack(name: string): Promise<Buffer> {
  const dbPath = join(dir, name);
  await readC1zFile(path, dbPath);
  return readFileSync(dbPath);
}

async function syncIds(): Promise<string[]> {
  const reader = await openC1zReader(path);
  try {
    return reader.syncs().map((s) => s.syncId);
  } finally {
    reader.close();
  }
}

describe('pruning old syncs', () => {
  it('vacuums pruned syncs out of the file, so it shrinks and their data is gone', async () => {
    await sync('full', 3000, 'departed');
    await sync();
    await sync();
    const before = await unpack('before.db');
    const fileBefore = statSync(path).size;
    expect(before.includes('departed-2999@old.example')).toBe(true);

    await sync(); // the fourth full sync: the first is pruned
    const after = await unpack('after.db');
    expect(after.includes('departed-2999@old.example')).toBe(false);
    expect(after.length).toBeLessThan(before.length / 2);
    expect(statSync(path).size).toBeLessThan(fileBefore / 2);
  });

  it('drops partial syncs that ended before the oldest full sync it keeps', async () => {
    const f1 = await sync();
    const oldPartial = await sync('partial');
    const oldResourcesOnly = await sync('resources_only');
    const f2 = await sync();
    const recentPartial = await sync('partial');
    const f3 = await sync();
    expect(await syncIds()).toEqual([f1, oldPartial, oldResourcesOnly, f2, recentPartial, f3]);
    const f4 = await sync();
    expect(await syncIds()).toEqual([f2, recentPartial, f3, f4]);
  });
});

describe('selectSyncsToPrune', () => {
  const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 0, minute));
  const run = (syncId: string, type: SyncType, start: number, end?: number): SyncRun => ({
    syncId,
    type,
    startedAt: at(start),
    ...(end !== undefined && { endedAt: at(end) }),
  });

  it('keeps three full syncs and the partials after the oldest of them', () => {
    const runs = [
      run('f1', 'full', 0, 1),
      run('p-old', 'partial', 5, 6),
      run('f2', 'full', 10, 11),
      run('p-recent', 'resources_only', 15, 16),
      run('f3', 'full', 20, 21),
      run('f4', 'full', 30, 31),
    ];
    expect(selectSyncsToPrune(runs)).toEqual(['f1', 'p-old']);
  });

  it('keeps partials while no full sync is dropped, and never drops unfinished syncs', () => {
    const runs = [
      run('p-old', 'partial', 0, 1),
      run('unfinished', 'full', 2),
      run('f1', 'full', 10, 11),
      run('f2', 'full', 20, 21),
      run('f3', 'full', 30, 31),
    ];
    expect(selectSyncsToPrune(runs)).toEqual([]);
  });

  it('counts a partial that ended after the oldest kept full sync started as recent', () => {
    const runs = [
      run('f1', 'full', 0, 1),
      run('overlapping', 'partial', 5, 12),
      run('f2', 'full', 10, 11),
      run('f3', 'full', 20, 21),
      run('f4', 'full', 30, 31),
    ];
    expect(selectSyncsToPrune(runs)).toEqual(['f1']);
  });
});
