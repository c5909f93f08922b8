import type { Entitlement, Grant, Resource, ResourceId, ResourceType } from '../model/types.js';

/** Sync types, as Baton's `v1_sync_runs.sync_type` names them. */
export type SyncType = 'full' | 'partial' | 'resources_only';

/** One row of `v1_sync_runs`. */
export interface SyncRun {
  /** A KSUID. */
  syncId: string;
  type: SyncType;
  startedAt: Date;
  /** Unset while the sync is unfinished. */
  endedAt?: Date;
  /** The engine's checkpoint (opaque JSON), for resuming an unfinished sync. */
  syncToken?: string;
}

/** Filters for listing resources. */
export interface ResourceFilter {
  syncId: string;
  resourceTypeId?: string;
  parentId?: ResourceId;
}

/** Filters for listing entitlements. */
export interface EntitlementFilter {
  syncId: string;
  resourceTypeId?: string;
  resourceId?: ResourceId;
}

/** Filters for listing grants. */
export interface GrantFilter {
  syncId: string;
  entitlementId?: string;
  /** The resource the entitlement is on. */
  resourceId?: ResourceId;
  principalId?: ResourceId;
  /** Only grants carrying a `GrantExpandable` annotation. */
  expandable?: boolean;
}

/** Object counts of one sync. */
export interface SyncStats {
  resourceTypes: number;
  resources: Record<string, number>;
  entitlements: number;
  grants: number;
}

/**
 * Reads a c1z file. Iterators stream rows in the order they were written (stable within a file);
 * they never load a whole table.
 */
export interface C1zReader {
  /** Every sync run in the file, oldest first. */
  syncs(): SyncRun[];
  /** The newest finished sync of a type (default `full`). */
  latestFinishedSync(type?: SyncType): SyncRun | undefined;
  resourceTypes(syncId: string): ResourceType[];
  resources(filter: ResourceFilter): IterableIterator<Resource>;
  resource(syncId: string, id: ResourceId): Resource | undefined;
  entitlements(filter: EntitlementFilter): IterableIterator<Entitlement>;
  entitlement(syncId: string, id: string): Entitlement | undefined;
  grants(filter: GrantFilter): IterableIterator<Grant>;
  grant(syncId: string, id: string): Grant | undefined;
  stats(syncId: string): SyncStats;
  close(): void;
}

/**
 * The store a sync writes to. Writes are buffered in a transaction that `checkpoint` commits
 * together with the engine's state, so a killed process resumes from a consistent point.
 * The output file is replaced (atomically, mode 0600) only by `finish`.
 */
export interface SyncStore extends C1zReader {
  /** The newest unfinished sync, to resume; undefined when there is none. */
  unfinishedSync(): SyncRun | undefined;
  /** Starts a new sync and returns its KSUID. */
  startSync(type?: SyncType): string;
  putResourceTypes(syncId: string, items: readonly ResourceType[]): void;
  putResources(syncId: string, items: readonly Resource[]): void;
  putEntitlements(syncId: string, items: readonly Entitlement[]): void;
  putGrants(syncId: string, items: readonly Grant[]): void;
  /** Commits everything written so far together with the engine's state. */
  checkpoint(syncId: string, syncToken: string): void;
  /**
   * Marks the sync finished and prunes old syncs as Baton does: keeps the current and two
   * previous full ones, and the partial syncs that ended after the oldest of those started.
   */
  endSync(syncId: string): void;
  /** Writes the c1z file to its path (temp file + rename) and removes the working state. */
  finish(): Promise<void>;
  /**
   * Closes without writing the c1z file. The working state stays for a later run, except a
   * copy of the output this store made and started no sync in, which holds nothing new.
   */
  abandon(): void;
}
