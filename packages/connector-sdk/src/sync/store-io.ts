import type { SyncStore } from '../c1z/store-types.js';
import { resourceKey } from '../model/ids.js';
import type { Entitlement, Grant, Resource } from '../model/types.js';

/**
 * A store iterator started at a position: the first `from` rows are skipped (once, on resume).
 * The engine writes while such an iterator is open, which both stores allow (the file store
 * reads in keyset pages, the memory store iterates live maps).
 */
export function iterateFrom<T>(rows: Iterator<T>, from: number): Iterator<T> & { close(): void } {
  let skipped = 0;
  return {
    next: () => {
      for (; skipped < from; skipped++) {
        if (rows.next().done) return { done: true, value: undefined };
      }
      return rows.next();
    },
    close: () => void rows.return?.(),
  };
}

/**
 * Buffers writes (upserts by id) and hands them to the store in batches.
 */
export class BufferedWriter {
  private readonly resources = new Map<string, Resource>();
  private readonly entitlements = new Map<string, Entitlement>();
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly store: SyncStore,
    private readonly syncId: string,
    private readonly batchSize: number,
  ) {}

  /** Buffers resources (upserted by `<type>:<id>`). */
  putResources(items: readonly Resource[]): void {
    for (const item of items) this.resources.set(resourceKey(item.id), item);
    this.flushIfFull();
  }

  /** Buffers entitlements (upserted by id). */
  putEntitlements(items: readonly Entitlement[]): void {
    for (const item of items) this.entitlements.set(item.id, item);
    this.flushIfFull();
  }

  /** Buffers grants (upserted by id). */
  putGrants(items: readonly Grant[]): void {
    for (const item of items) this.grants.set(item.id, item);
    this.flushIfFull();
  }

  /** A grant written but not yet flushed, so lookups see the engine's own writes. */
  pendingGrant(id: string): Grant | undefined {
    return this.grants.get(id);
  }

  /** Writes everything buffered to the store. */
  flush(): void {
    if (this.resources.size + this.entitlements.size + this.grants.size === 0) return;
    if (this.resources.size > 0) this.store.putResources(this.syncId, [...this.resources.values()]);
    if (this.entitlements.size > 0) this.store.putEntitlements(this.syncId, [...this.entitlements.values()]);
    if (this.grants.size > 0) this.store.putGrants(this.syncId, [...this.grants.values()]);
    this.resources.clear();
    this.entitlements.clear();
    this.grants.clear();
  }

  private flushIfFull(): void {
    if (this.resources.size + this.entitlements.size + this.grants.size >= this.batchSize) this.flush();
  }
}
