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

const compatDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'compat');
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
if (!hasGo) console.warn('c1z-compat: skipped because `go` is not on PATH (install Go 1.25+ to run it)');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Enum prefixes protojson uses, by field name. */
const ENUM_PREFIX: Record<string, string> = {
  traits: 'TRAIT_',
  accountType: 'ACCOUNT_TYPE_',
  purpose: 'PURPOSE_VALUE_',
  flags: 'APP_FLAG_',
  credentialType: 'CREDENTIAL_TYPE_',
};
/** Fields that hold a google.protobuf.Struct: copied as they are. */
const STRUCT_FIELDS = new Set(['profile', 'metadata']);

function timestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function enumValue(prefix: string, name: string): string | undefined {
  return name === 'UNSPECIFIED' ? undefined : prefix + name;
}

/**
 * Converts an SDK model value to the JSON protojson prints for the same protobuf message.
 * `inUserStatus` marks the nested `UserTrait.status` message, whose enum differs from the
 * resource status enum.
 */
function toProtoJson(value: unknown, key = '', inUserStatus = false): Json | undefined {
  if (value === undefined || value === false || value === '') return undefined;
  if (value instanceof Date) return timestamp(value);
  if (STRUCT_FIELDS.has(key)) return value as Json;
  if (key === 'status' && typeof value === 'string') {
    return enumValue(inUserStatus ? 'STATUS_' : 'RESOURCE_STATUS_', value);
  }
  const prefix = ENUM_PREFIX[key];
  if (typeof value === 'string' && prefix) return enumValue(prefix, value);
  if (Array.isArray(value)) {
    const items = value.map((item) => toProtoJson(item, key)).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const source = value as Record<string, unknown>;
    const out: { [k: string]: Json } = {};
    if (typeof source.$type === 'string') out['@type'] = `type.googleapis.com/${source.$type}`;
    for (const [k, v] of Object.entries(source)) {
      if (k === '$type') continue;
      const userStatus = inUserStatus || (k === 'status' && source.$type === 'c1.connector.v2.UserTrait');
      const converted = toProtoJson(v, k, userStatus);
      if (converted !== undefined) out[k] = converted;
    }
    return out;
  }
  return value as Json;
}

function grantJson(grant: unknown): Json | undefined {
  const g = grant as Record<string, unknown>;
  const out = toProtoJson({ ...g, sources: undefined }) as { [k: string]: Json };
  if (g.sources) {
    const sources: { [k: string]: Json } = {};
    for (const [id, source] of Object.entries(g.sources as Record<string, { isDirect: boolean }>)) {
      sources[id] = source.isDirect ? { isDirect: true } : {};
    }
    out.sources = { sources };
  }
  return out;
}

function byId(items: Json[], id: (item: { [k: string]: Json }) => string): Json[] {
  return [...items].sort((a, b) => {
    const x = id(a as { [k: string]: Json });
    const y = id(b as { [k: string]: Json });
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const resourceKeyOf = (r: { [k: string]: Json }): string => {
  const id = r.id as { resourceType: string; resource: string };
  return `${id.resourceType}:${id.resource}`;
};
const idOf = (r: { [k: string]: Json }): string => r.id as string;

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
