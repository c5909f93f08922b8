import { randomBytes } from 'node:crypto';
import type { EntitlementFilter, GrantFilter, ResourceFilter, SyncRun, SyncStats, SyncStore, SyncType } from '../c1z/store-types.js';
import { hasAnnotation } from '../model/annotations.js';
import { resourceKey, sameResourceId } from '../model/ids.js';
import type { Entitlement, Grant, Resource, ResourceId, ResourceType } from '../model/types.js';

/** Finished full syncs kept besides the current one, as the file store keeps them. */
const KEPT_PREVIOUS_FULL_SYNCS = 2;

/** The objects of one sync, keyed by id; maps keep insertion order, which is the read order. */
interface SyncObjects {
  run: SyncRun;
  resourceTypes: Map<string, ResourceType>;
  resources: Map<string, Resource>;
  entitlements: Map<string, Entitlement>;
  grants: Map<string, Grant>;
}

/**
 * An in-memory {@link SyncStore} with the file store's semantics: objects are upserted by id
 * per sync, reads return copies in insertion order, and `checkpoint` is the commit point.
 * `abandon()` models a killed process: it discards every write since the last checkpoint and
 * leaves the store usable, like a reopened file, so a next sync resumes from that checkpoint.
 * `finish()` writes nothing.
 */
export function createMemoryStore(): SyncStore {
  return new MemoryStore();
}

class MemoryStore implements SyncStore {
  private readonly syncsById = new Map<string, SyncObjects>();
  /** How to take back each write since the last commit, newest last. */
  private undoLog: (() => void)[] = [];

  syncs(): SyncRun[] {
    return [...this.syncsById.values()].map((objects) => ({ ...objects.run }));
  }

  latestFinishedSync(type: SyncType = 'full'): SyncRun | undefined {
    return this.syncs()
      .reverse()
      .find((run) => run.endedAt !== undefined && run.type === type);
  }

  unfinishedSync(): SyncRun | undefined {
    return this.syncs()
      .reverse()
      .find((run) => run.endedAt === undefined);
  }

  startSync(type: SyncType = 'full'): string {
    const syncId = newSyncId();
    this.syncsById.set(syncId, {
      run: { syncId, type, startedAt: new Date() },
      resourceTypes: new Map(),
      resources: new Map(),
      entitlements: new Map(),
      grants: new Map(),
    });
    this.undoLog.push(() => this.syncsById.delete(syncId));
    return syncId;
  }

  putResourceTypes(syncId: string, items: readonly ResourceType[]): void {
    this.upsert(this.objects(syncId).resourceTypes, items, (item) => item.id);
  }

  putResources(syncId: string, items: readonly Resource[]): void {
    this.upsert(this.objects(syncId).resources, items, (item) => resourceKey(item.id));
  }

  putEntitlements(syncId: string, items: readonly Entitlement[]): void {
    this.upsert(this.objects(syncId).entitlements, items, (item) => item.id);
  }

  putGrants(syncId: string, items: readonly Grant[]): void {
    this.upsert(this.objects(syncId).grants, items, (item) => item.id);
  }

  checkpoint(syncId: string, syncToken: string): void {
    this.objects(syncId).run.syncToken = syncToken;
    this.undoLog = [];
  }

  endSync(syncId: string): void {
    const current = this.objects(syncId);
    current.run.endedAt = new Date();
    const previousFull = [...this.syncsById.values()]
      .filter((objects) => objects !== current && objects.run.type === 'full' && objects.run.endedAt)
      .reverse();
    for (const old of previousFull.slice(KEPT_PREVIOUS_FULL_SYNCS)) this.syncsById.delete(old.run.syncId);
    this.undoLog = [];
  }

  finish(): Promise<void> {
    this.undoLog = [];
    return Promise.resolve();
  }

  abandon(): void {
    for (const undo of this.undoLog.reverse()) undo();
    this.undoLog = [];
  }

  resourceTypes(syncId: string): ResourceType[] {
    return [...(this.syncsById.get(syncId)?.resourceTypes.values() ?? [])].map(copy);
  }

  *resources(filter: ResourceFilter): IterableIterator<Resource> {
    for (const item of this.syncsById.get(filter.syncId)?.resources.values() ?? []) {
      if (filter.resourceTypeId !== undefined && item.id.resourceType !== filter.resourceTypeId) continue;
      if (filter.parentId && !(item.parentResourceId && sameResourceId(item.parentResourceId, filter.parentId))) continue;
      yield copy(item);
    }
  }

  resource(syncId: string, id: ResourceId): Resource | undefined {
    return copyOrUndefined(this.syncsById.get(syncId)?.resources.get(resourceKey(id)));
  }

  *entitlements(filter: EntitlementFilter): IterableIterator<Entitlement> {
    for (const item of this.syncsById.get(filter.syncId)?.entitlements.values() ?? []) {
      const on = item.resource.id;
      if (filter.resourceTypeId !== undefined && on.resourceType !== filter.resourceTypeId) continue;
      if (filter.resourceId && !sameResourceId(on, filter.resourceId)) continue;
      yield copy(item);
    }
  }

  entitlement(syncId: string, id: string): Entitlement | undefined {
    return copyOrUndefined(this.syncsById.get(syncId)?.entitlements.get(id));
  }

  *grants(filter: GrantFilter): IterableIterator<Grant> {
    for (const item of this.syncsById.get(filter.syncId)?.grants.values() ?? []) {
      if (filter.entitlementId !== undefined && item.entitlement.id !== filter.entitlementId) continue;
      if (filter.resourceId && !sameResourceId(item.entitlement.resource.id, filter.resourceId)) continue;
      if (filter.principalId && !sameResourceId(item.principal.id, filter.principalId)) continue;
      if (filter.expandable && !hasAnnotation(item.annotations, 'c1.connector.v2.GrantExpandable')) continue;
      yield copy(item);
    }
  }

  grant(syncId: string, id: string): Grant | undefined {
    return copyOrUndefined(this.syncsById.get(syncId)?.grants.get(id));
  }

  stats(syncId: string): SyncStats {
    const objects = this.syncsById.get(syncId);
    const resources: Record<string, number> = {};
    for (const item of objects?.resources.values() ?? []) {
      resources[item.id.resourceType] = (resources[item.id.resourceType] ?? 0) + 1;
    }
    return {
      resourceTypes: objects?.resourceTypes.size ?? 0,
      resources,
      entitlements: objects?.entitlements.size ?? 0,
      grants: objects?.grants.size ?? 0,
    };
  }

  close(): void {}

  private objects(syncId: string): SyncObjects {
    const objects = this.syncsById.get(syncId);
    if (!objects) throw new Error(`memory store: no sync ${syncId}`);
    return objects;
  }

  private upsert<T>(table: Map<string, T>, items: readonly T[], idOf: (item: T) => string): void {
    for (const item of items) {
      const id = idOf(item);
      const previous = table.get(id);
      this.undoLog.push(previous === undefined ? () => table.delete(id) : () => table.set(id, previous));
      table.set(id, copy(item));
    }
  }
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

function copyOrUndefined<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Seconds between the Unix epoch and the KSUID epoch (2014-05-13). */
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** A KSUID: 4 bytes of seconds since the KSUID epoch and 16 random bytes, base62, 27 characters. */
function newSyncId(): string {
  const bytes = randomBytes(20);
  bytes.writeUInt32BE(Math.floor(Date.now() / 1000) - KSUID_EPOCH_SECONDS, 0);
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  for (let i = 0; i < 27; i++) {
    text = BASE62[Number(value % 62n)]! + text;
    value /= 62n;
  }
  return text;
}
