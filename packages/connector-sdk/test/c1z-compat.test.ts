/**
 * Compatibility proof: a c1z written by this SDK is read by baton-sdk's own Go reader
 * (compat/main.go), and what Go prints equals what our reader returns for the same file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openC1zReader, openSyncStore } from '../src/c1z/index.js';
import { buildFixture } from '../src/c1z/fixture.test-support.js';
import { byId, grantJson, idOf, resourceKeyOf, toProtoJson, type Json } from './protojson.test-support.js';

const compatDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'compat');
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
if (!hasGo) console.warn('c1z-compat: skipped because `go` is not on PATH (install Go 1.25+ to run it)');

describe.skipIf(!hasGo)('c1z files are read by baton-sdk (Go)', () => {
  let dir: string;
  let dumper: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'c1z-compat-'));
    dumper = join(dir, 'c1zdump');
    execFileSync('go', ['build', '-mod=readonly', '-o', dumper, '.'], { cwd: compatDir, stdio: 'pipe' });
  }, 900_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the same objects for the latest sync as our reader returns', async () => {
    const path = join(dir, 'sync.c1z');
    for (const variant of [0, 1]) {
      const store = await openSyncStore(path);
      const syncId = store.startSync();
      const fixture = buildFixture(variant);
      store.putResourceTypes(syncId, fixture.resourceTypes);
      store.putResources(syncId, fixture.resources);
      store.putEntitlements(syncId, fixture.entitlements);
      store.putGrants(syncId, fixture.grants);
      store.checkpoint(syncId, '{"phase":"done"}');
      store.endSync(syncId);
      await store.finish();
    }

    const printed = JSON.parse(execFileSync(dumper, [path], { encoding: 'utf8' })) as {
      syncId: string;
      resourceTypes: Json[];
      resources: Json[];
      entitlements: Json[];
      grants: Json[];
    };

    const reader = await openC1zReader(path);
    try {
      const latest = reader.latestFinishedSync();
      expect(printed.syncId).toBe(latest?.syncId);
      const syncId = printed.syncId;
      const ours = {
        resourceTypes: reader.resourceTypes(syncId).map((t) => toProtoJson(t) as Json),
        resources: [...reader.resources({ syncId })].map((r) => toProtoJson(r) as Json),
        entitlements: [...reader.entitlements({ syncId })].map((e) => toProtoJson(e) as Json),
        grants: [...reader.grants({ syncId })].map((g) => grantJson(g) as Json),
      };
      expect(byId(printed.resourceTypes, idOf)).toEqual(byId(ours.resourceTypes, idOf));
      expect(byId(printed.resources, resourceKeyOf)).toEqual(byId(ours.resources, resourceKeyOf));
      expect(byId(printed.entitlements, idOf)).toEqual(byId(ours.entitlements, idOf));
      expect(byId(printed.grants, idOf)).toEqual(byId(ours.grants, idOf));
      // The fixture really exercised the interesting parts on the Go side.
      expect(JSON.stringify(printed.grants)).toContain('c1.connector.v2.GrantExpandable');
      expect(JSON.stringify(printed.resources)).toContain('Ada King');
      expect(printed.resources).toHaveLength(buildFixture().resources.length);
    } finally {
      reader.close();
    }
  }, 120_000);
});
