import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { C1zFormatError, readC1zFile, writeC1zFile } from './container.js';
import { buildFixture } from './fixture.test-support.js';
import { openC1zReader, openSyncStore } from './open.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'c1z-legacy-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Writes one full sync with our store, then strips the columns baton-sdk 0.2.x files lack. */
async function legacyFile(): Promise<string> {
  const ours = join(dir, 'ours.c1z');
  const store = await openSyncStore(ours);
  const syncId = store.startSync();
  const fixture = buildFixture();
  store.putResourceTypes(syncId, fixture.resourceTypes);
  store.putResources(syncId, fixture.resources);
  store.putEntitlements(syncId, fixture.entitlements);
  store.putGrants(syncId, fixture.grants);
  store.endSync(syncId);
  await store.finish();
  const dbPath = join(dir, 'legacy.db');
  await readC1zFile(ours, dbPath);
  const db = new Database(dbPath);
  db.exec('drop index idx_grants_sync_expansion_v1; drop index idx_grants_sync_needs_expansion_v1');
  for (const column of ['expansion', 'needs_expansion']) db.exec(`alter table v1_grants drop column ${column}`);
  for (const column of [
    'sync_type',
    'parent_sync_id',
    'linked_sync_id',
    'supports_diff',
    'grants_backfilled',
    'stats',
    'ingest_invariant_generation',
    'ingest_invariant_coverage',
    'ingest_invariant_mode',
  ]) {
    db.exec(`alter table v1_sync_runs drop column ${column}`);
  }
  db.exec('drop table v1_connector_sessions');
  db.close();
  const legacy = join(dir, 'legacy.c1z');
  await writeC1zFile(dbPath, legacy);
  return legacy;
}

describe('c1z files of older baton-sdk versions', () => {
  it('reads a file without sync_type and expansion columns as Baton does, leaving the file as it is', async () => {
    const path = await legacyFile();
    const before = sha(path);
    const reader = await openC1zReader(path);
    try {
      const latest = reader.latestFinishedSync();
      expect(latest?.type).toBe('full');
      const syncId = latest!.syncId;
      expect(reader.stats(syncId).grants).toBe(buildFixture().grants.length);
      expect([...reader.grants({ syncId })]).toHaveLength(buildFixture().grants.length);
      expect([...reader.grants({ syncId, expandable: false })]).toHaveLength(buildFixture().grants.length);
    } finally {
      reader.close();
    }
    expect(sha(path)).toBe(before);
  });

  it('adds a sync to such a file', async () => {
    const path = await legacyFile();
    const store = await openSyncStore(path);
    const syncId = store.startSync();
    store.putResourceTypes(syncId, buildFixture(1).resourceTypes);
    store.endSync(syncId);
    await store.finish();
    const reader = await openC1zReader(path);
    try {
      expect(reader.syncs().map((run) => run.type)).toEqual(['full', 'full']);
      expect(reader.latestFinishedSync()?.syncId).toBe(syncId);
    } finally {
      reader.close();
    }
  });

  it('says what a c1z v3 file is, which baton-sdk wrote it and how to get a v1 copy', async () => {
    const manifest = Buffer.from([0x0a, 0x07, ...Buffer.from('pebble3')]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(manifest.length);
    const path = join(dir, 'v3.c1z');
    writeFileSync(path, Buffer.concat([Buffer.from('C1Z3\x00', 'latin1'), length, manifest, Buffer.from('payload')]));
    const failure = openC1zReader(path);
    await expect(failure).rejects.toBeInstanceOf(C1zFormatError);
    await expect(failure).rejects.toThrow(
      /is a c1z v3 file \(header C1Z3\\x00, storage engine "pebble3"\), the Pebble-based format baton-sdk v0\.25 or later writes by default.*--storage-engine sqlite/,
    );
  });
});
