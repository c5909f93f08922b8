import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resource } from '../model/builders.js';
import { readC1zFile } from './container.js';
import { diffSyncs } from './diff.js';
import { buildFixture } from './fixture.test-support.js';
import { openC1zReader, openSyncStore } from './open.js';
import type { SyncStore } from './store-types.js';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'c1z-store-'));
  path = join(dir, 'sync.c1z');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeFixture(store: SyncStore, syncId: string, variant = 0): void {
  const fixture = buildFixture(variant);
  store.putResourceTypes(syncId, fixture.resourceTypes);
  store.putResources(syncId, fixture.resources);
  store.putEntitlements(syncId, fixture.entitlements);
  store.putGrants(syncId, fixture.grants);
}

async function fullSync(variant = 0): Promise<string> {
  const store = await openSyncStore(path);
  const syncId = store.startSync();
  writeFixture(store, syncId, variant);
  store.checkpoint(syncId, '{}');
  store.endSync(syncId);
  await store.finish();
  return syncId;
}

describe('c1z sync store', () => {
  it('writes a c1z v1 file (header, zstd, Baton tables) with mode 0600 and no working state left', async () => {
    const syncId = await fullSync();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('C1ZF\x00');
    expect(bytes.readUInt32LE(5)).toBe(0xfd2fb528); // zstd frame magic
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}.work`)).toBe(false);

    const dbPath = join(dir, 'check.db');
    await readC1zFile(path, dbPath);
    const db = new DatabaseSync(dbPath, { readOnly: true });
    const tables = (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual([
      'v1_assets',
      'v1_connector_sessions',
      'v1_entitlements',
      'v1_grants',
      'v1_resource_types',
      'v1_resources',
      'v1_sync_runs',
    ]);
    const run = db.prepare('select sync_type, sync_token, ended_at from v1_sync_runs').get() as Record<string, string>;
    expect(run).toMatchObject({ sync_type: 'full', sync_token: '{}' });
    expect(run.ended_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    const ext = db
      .prepare("select external_id, parent_resource_type_id, parent_resource_id from v1_resources where external_id = 'team:901'")
      .get();
    expect(ext).toEqual({ external_id: 'team:901', parent_resource_type_id: 'team', parent_resource_id: '900' });
    const expandable = db.prepare('select needs_expansion, expansion is not null as has from v1_grants where expansion is not null').all();
    expect(expandable).toEqual([{ needs_expansion: 1, has: 1 }]);
    db.close();

    const reader = await openC1zReader(path);
    expect(reader.latestFinishedSync()?.syncId).toBe(syncId);
    expect(reader.stats(syncId)).toEqual({
      resourceTypes: 6,
      resources: { app: 1, group: 2, role: 1, secret: 1, team: 2, user: 3 },
      entitlements: 4,
      grants: 6,
    });
    reader.close();
  });

  it('reads back what was written, with filters and GrantExpandable re-attached', async () => {
    const syncId = await fullSync();
    const fixture = buildFixture();
    const reader = await openC1zReader(path);
    try {
      // Objects come back in the order they were written.
      expect(reader.resourceTypes(syncId).map((t) => t.id)).toEqual(['user', 'group', 'role', 'app', 'secret', 'team']);
      expect([...reader.resources({ syncId, resourceTypeId: 'user' })].map((r) => r.id.resource)).toEqual(['2188373', 'bob', 'svc']);
      expect([...reader.resources({ syncId, parentId: { resourceType: 'team', resource: '900' } })].map((r) => r.displayName)).toEqual([
        'Ops',
      ]);
      expect(reader.resource(syncId, { resourceType: 'user', resource: 'bob' })?.displayName).toBe('Bob');
      expect(reader.entitlement(syncId, 'group:g1:member')?.purpose).toBe('ASSIGNMENT');
      expect([...reader.entitlements({ syncId, resourceId: { resourceType: 'group', resource: 'g2' } })]).toHaveLength(1);
      const expandable = [...reader.grants({ syncId, expandable: true })];
      expect(expandable.map((g) => g.id)).toEqual([fixture.grants[1]!.id]);
      expect(expandable[0]!.annotations).toEqual(fixture.grants[1]!.annotations);
      expect([...reader.grants({ syncId, principalId: { resourceType: 'user', resource: 'bob' } })]).toHaveLength(2);
      expect([...reader.grants({ syncId, entitlementId: 'group:g1:member' })]).toHaveLength(3);
      expect(reader.grant(syncId, fixture.grants[3]!.id)?.sources).toEqual(fixture.grants[3]!.sources);
    } finally {
      reader.close();
    }
  });

  it('upserts by id within a sync, so redoing a page is idempotent', async () => {
    const store = await openSyncStore(path);
    const syncId = store.startSync();
    writeFixture(store, syncId);
    writeFixture(store, syncId);
    store.putResources(syncId, [resource({ type: 'user', id: 'bob', displayName: 'Robert' })]);
    expect(store.stats(syncId).grants).toBe(6);
    expect(store.stats(syncId).resources.user).toBe(3);
    expect(store.resource(syncId, { resourceType: 'user', resource: 'bob' })?.displayName).toBe('Robert');
    store.abandon();
  });

  it('keeps checkpointed writes and drops the rest when the process dies before the next checkpoint', async () => {
    const fixture = buildFixture();
    const first = await openSyncStore(path);
    const syncId = first.startSync();
    first.putResourceTypes(syncId, fixture.resourceTypes);
    first.checkpoint(syncId, '{"page":1}');
    first.putResources(syncId, fixture.resources);
    first.abandon(); // the connection goes away without a commit, as with SIGKILL

    expect(existsSync(path)).toBe(false);
    const resumed = await openSyncStore(path);
    const unfinished = resumed.unfinishedSync();
    expect(unfinished).toMatchObject({ syncId, syncToken: '{"page":1}', type: 'full' });
    expect(unfinished?.endedAt).toBeUndefined();
    expect(resumed.stats(syncId)).toMatchObject({ resourceTypes: 6, resources: {} });
    resumed.putResources(syncId, fixture.resources);
    resumed.checkpoint(syncId, '{"page":2}');
    resumed.endSync(syncId);
    expect(resumed.unfinishedSync()).toBeUndefined();
    await resumed.finish();

    const reader = await openC1zReader(path);
    expect(reader.syncs().map((s) => s.syncId)).toEqual([syncId]);
    expect(reader.stats(syncId).resources.user).toBe(3);
    reader.close();
  });

  it('leaves the previous file intact when a sync fails, and keeps its syncs when resumed', async () => {
    const firstId = await fullSync();
    const before = readFileSync(path);

    const failing = await openSyncStore(path);
    const failedId = failing.startSync();
    writeFixture(failing, failedId, 1);
    failing.checkpoint(failedId, '{}');
    failing.abandon();
    expect(readFileSync(path).equals(before)).toBe(true);

    const reader = await openC1zReader(path);
    expect(reader.syncs().map((s) => s.syncId)).toEqual([firstId]);
    reader.close();

    const resumed = await openSyncStore(path);
    expect(resumed.unfinishedSync()?.syncId).toBe(failedId);
    resumed.endSync(failedId);
    await resumed.finish();
    const after = await openC1zReader(path);
    expect(after.syncs().map((s) => s.syncId)).toEqual([firstId, failedId]);
    expect(after.latestFinishedSync()?.syncId).toBe(failedId);
    after.close();
  });

  it('does not replace the file when writing it fails', async () => {
    await fullSync();
    const before = readFileSync(path);
    const store = await openSyncStore(path);
    const syncId = store.startSync();
    store.endSync(syncId);
    rmSync(join(`${path}.work`, 'sync.db')); // the working database vanishes under the store
    await expect(store.finish()).rejects.toThrow();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('keeps the current and two previous full syncs, never an unfinished one', async () => {
    const store0 = await openSyncStore(path);
    const unfinishedId = store0.startSync();
    store0.putResources(unfinishedId, [resource({ type: 'user', id: 'u', displayName: 'U' })]);
    store0.checkpoint(unfinishedId, '{}');
    store0.abandon();
    rmSync(`${path}.work`, { recursive: true }); // never finished, and its working state is gone
    expect(existsSync(path)).toBe(false);

    const store = await openSyncStore(path);
    const held = store.startSync();
    store.checkpoint(held, '{}');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = store.startSync();
      writeFixture(store, id, i % 2);
      store.endSync(id);
      ids.push(id);
    }
    const kept = store.syncs().map((s) => s.syncId);
    expect(kept).toEqual([held, ...ids.slice(2)]);
    expect(store.stats(ids[0]!).grants).toBe(0);
    expect(store.stats(ids[4]!).grants).toBe(6);
    await store.finish();
  });

  it('diffs two syncs by id and bytes', async () => {
    const base = await fullSync(0);
    const store = await openSyncStore(path);
    const applied = store.startSync();
    const fixture = buildFixture(1);
    store.putResourceTypes(applied, fixture.resourceTypes);
    store.putResources(applied, [
      ...fixture.resources.filter((r) => r.id.resource !== 'svc'),
      resource({ type: 'user', id: 'new', displayName: 'New' }),
    ]);
    store.putEntitlements(applied, fixture.entitlements);
    store.putGrants(applied, fixture.grants.slice(0, 4));
    store.endSync(applied);
    await store.finish();

    const reader = await openC1zReader(path);
    const diff = diffSyncs(reader, base, applied);
    reader.close();
    // Ada's display name changed; grants embed the principal, so Ada's grants changed too.
    expect(diff.resources).toEqual({ created: ['user:new'], deleted: ['user:svc'], modified: ['user:2188373'] });
    expect(diff.entitlements).toEqual({ created: [], deleted: [], modified: [] });
    expect(diff.grants.deleted).toEqual([fixture.grants[5]!.id, fixture.grants[4]!.id].sort());
    expect(diff.grants.modified).toEqual([fixture.grants[0]!.id]);
    expect(diff.grants.created).toEqual([]);
  });

  it('refuses writes to unknown or finished syncs', async () => {
    const store = await openSyncStore(path);
    const fixture = buildFixture();
    expect(() => store.putResources('nope', fixture.resources)).toThrow(/no sync nope/);
    const id = store.startSync();
    store.endSync(id);
    expect(() => store.putResources(id, fixture.resources)).toThrow(/already ended/);
    store.abandon();
  });

  it('leaves nothing behind when abandoned with no sync to resume', async () => {
    const store = await openSyncStore(path);
    store.abandon();
    expect(existsSync(`${path}.work`)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('works in its own subdirectory of --c1z-temp-dir and never removes that directory', async () => {
    const tempDir = join(dir, 'scratch');
    mkdirSync(tempDir);
    writeFileSync(join(tempDir, 'unrelated.txt'), 'keep me');
    const first = await openSyncStore(path, { tempDir });
    const syncId = first.startSync();
    first.checkpoint(syncId, '{}');
    first.abandon();
    const resumed = await openSyncStore(path, { tempDir });
    expect(resumed.unfinishedSync()?.syncId).toBe(syncId);
    resumed.endSync(syncId);
    await resumed.finish();
    expect(readdirSync(tempDir)).toEqual(['unrelated.txt']);
    expect(existsSync(path)).toBe(true);
  });

  it('rejects files that are not c1z v1', async () => {
    writeFileSync(path, 'C1Z2\x00rest');
    await expect(openC1zReader(path)).rejects.toThrow(/not a c1z v1 file/);
    writeFileSync(path, 'C1Z3\x00rest');
    await expect(openC1zReader(path)).rejects.toThrow(
      /is a c1z v3 file \(header C1Z3\\x00\), the Pebble-based format baton-sdk v0\.25 or later/,
    );
  });
});
