import { createHash } from 'node:crypto';
import { resourceKey } from '../model/ids.js';
import { encodeEntitlement, encodeGrant, encodeResource } from './proto/objects-codec.js';
import type { C1zReader } from './store-types.js';

/** What changed for one kind of object between two syncs (ids). */
export interface ObjectDiff {
  created: string[];
  deleted: string[];
  modified: string[];
}

/** What changed between two syncs, in the shape of Baton's `baton diff` output. */
export interface SyncDiff {
  resources: ObjectDiff;
  entitlements: ObjectDiff;
  grants: ObjectDiff;
}

/**
 * Compares two syncs of one file: objects only in `appliedSyncId` are created, only in
 * `baseSyncId` deleted, in both with different protobuf bytes modified. Resources are keyed
 * `<type>:<id>`, entitlements and grants by their id. Each list is sorted.
 */
export function diffSyncs(reader: C1zReader, baseSyncId: string, appliedSyncId: string): SyncDiff {
  return {
    resources: diffObjects(
      reader.resources({ syncId: baseSyncId }),
      reader.resources({ syncId: appliedSyncId }),
      (r) => resourceKey(r.id),
      encodeResource,
    ),
    entitlements: diffObjects(
      reader.entitlements({ syncId: baseSyncId }),
      reader.entitlements({ syncId: appliedSyncId }),
      (e) => e.id,
      encodeEntitlement,
    ),
    grants: diffObjects(reader.grants({ syncId: baseSyncId }), reader.grants({ syncId: appliedSyncId }), (g) => g.id, encodeGrant),
  };
}

function diffObjects<T>(base: Iterable<T>, applied: Iterable<T>, idOf: (item: T) => string, encode: (item: T) => Uint8Array): ObjectDiff {
  const digest = (item: T): string => createHash('sha256').update(encode(item)).digest('base64');
  const before = new Map<string, string>();
  for (const item of base) before.set(idOf(item), digest(item));
  const result: ObjectDiff = { created: [], deleted: [], modified: [] };
  for (const item of applied) {
    const id = idOf(item);
    const previous = before.get(id);
    if (previous === undefined) result.created.push(id);
    else if (previous !== digest(item)) result.modified.push(id);
    before.delete(id);
  }
  result.deleted = [...before.keys()];
  result.created.sort();
  result.deleted.sort();
  result.modified.sort();
  return result;
}
