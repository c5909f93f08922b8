import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readC1zFile } from './container.js';
import { buildFixture } from './fixture.test-support.js';
import { openSyncStore } from './open.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'c1z-run-row-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('fills the sync-run row as baton-sdk v0.25 does for a full sync', async () => {
  const path = join(dir, 'sync.c1z');
  const store = await openSyncStore(path);
  const syncId = store.startSync();
  const fixture = buildFixture();
  store.putResourceTypes(syncId, fixture.resourceTypes);
  store.putResources(syncId, fixture.resources);
  store.putEntitlements(syncId, fixture.entitlements);
  store.putGrants(syncId, fixture.grants);
  store.endSync(syncId);
  await store.finish();
  await readC1zFile(path, join(dir, 'sync.db'));
  const db = new Database(join(dir, 'sync.db'));
  const row = db.prepare('select * from v1_sync_runs where sync_id = ?').get(syncId) as Record<string, unknown>;
  db.close();
  const countBy = (types: string[]): Record<string, number> =>
    Object.fromEntries([...new Set(types)].sort().map((t) => [t, types.filter((x) => x === t).length]));
  expect(JSON.parse(row.stats as string)).toEqual({
    resource_types: fixture.resourceTypes.length,
    resources: fixture.resources.length,
    entitlements: fixture.entitlements.length,
    grants: fixture.grants.length,
    resources_by_resource_type: countBy(fixture.resources.map((r) => r.id.resourceType)),
    grants_by_resource_type: countBy(fixture.grants.map((g) => g.entitlement.resource.id.resourceType)),
    entitlements_by_resource_type: countBy(fixture.entitlements.map((e) => e.resource.id.resourceType)),
  });
  expect(Object.keys(JSON.parse(row.stats as string))).toEqual([
    'resource_types',
    'resources',
    'entitlements',
    'grants',
    'resources_by_resource_type',
    'grants_by_resource_type',
    'entitlements_by_resource_type',
  ]);
  expect(row).toMatchObject({
    supports_diff: 1,
    grants_backfilled: 1,
    ingest_invariant_generation: '1',
    ingest_invariant_coverage: '["I5","I10"]',
    ingest_invariant_mode: 'connector',
  });
});
