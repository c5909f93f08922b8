import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { renameSync, rmSync } from 'node:fs';
import { ConnectorError } from '../errors/connector-error.js';
import { resourceKey } from '../model/ids.js';
import type { Entitlement, Grant, Resource, ResourceId, ResourceType } from '../model/types.js';
import { newKsuid } from './ksuid.js';
import { decodeGrantExpandable } from './proto/annotations-codec.js';
import {
  decodeEntitlement,
  decodeGrant,
  decodeResource,
  decodeResourceType,
  encodeEntitlement,
  encodeResourceType,
  writeResourceFields,
} from './proto/objects-codec.js';
import { GrantRowEncoder } from './grant-rows.js';
import {
  C1Z_V1_SCHEMA,
  C1Z_V1_READ_INDEXES,
  createReadIndexSql,
  formatSqliteTime,
  parseSqliteTime,
  SYNC_SCOPED_TABLES,
  type ReadIndexName,
} from './schema.js';
import { ProtoWriter } from './proto/wire.js';
import { SYNC_RUN_SUMMARY_SQL, syncRunSummary } from './sync-run-summary.js';
import type { C1zReader, EntitlementFilter, GrantFilter, ResourceFilter, SyncRun, SyncStats, SyncType } from './store-types.js';

/** How many full syncs a file keeps: the newest one and the two before it. */
export const RETAINED_FULL_SYNCS = 3;

/** Rows fetched per query while streaming a table. */
const PAGE_ROWS = 500;

/**
 * Least time between two commits of checkpoints. A commit in the middle of a bulk phase costs
 * a write-ahead-log checkpoint; in between, checkpoints are savepoints in the open transaction.
 */
const COMMIT_INTERVAL_MS = 30_000;

/** The savepoint marking the last checkpoint inside the open transaction. */
const SAVEPOINT = 'c1z_checkpoint';

/** The page cache of a writing connection, in KiB (SQLite's `cache_size` takes it negative). */
const WRITE_CACHE_KIB = -2000;

/**
 * Helper threads SQLite's sorter may use while the export builds the read indexes: one, so the
 * sorting of a large table runs on a second core while the main thread merges (about a fifth
 * less wall time at a million grants, for a sort buffer more).
 */
const INDEX_SORT_THREADS = 1;

type ObjectTable = 'v1_resource_types' | 'v1_resources' | 'v1_entitlements' | 'v1_grants';

interface SyncRunRow {
  sync_id: string;
  started_at: string;
  ended_at: string | null;
  sync_token: string;
  sync_type: string;
}

interface DataRow {
  id: number;
  data: Uint8Array;
}

interface GrantRow extends DataRow {
  expansion: Uint8Array | null;
}

/** A value SQLite binds: what node:sqlite accepts as a parameter. */
type SqlValue = string | number | bigint | null | Uint8Array;

/** A condition on a table's columns, with its bound values. */
interface Where {
  sql: string[];
  params: SqlValue[];
}

/**
 * A c1z v1 SQLite database (node:sqlite): reads (C1zReader) and, when writable, the write half
 * of a SyncStore. This is the only module that knows SQL. Writes go into one open transaction
 * that `commit` ends; reads on the same connection see uncommitted writes.
 *
 * While a sync writes, only the tables and their unique indexes (which upserts need) exist in a
 * new file; Baton's other indexes are built once, over all rows, by {@link closeForExport},
 * which is far cheaper than keeping them up to date row by row. A filtered read in the middle
 * of a sync builds only the one index it needs (grant expansion does, when there is something
 * to expand).
 */
export class C1zDatabase implements C1zReader {
  private inTransaction = false;
  /** Set when rows were deleted, so the export vacuums their pages away. */
  private deletedRows = false;
  /** Set once every read index exists. */
  private readIndexes = false;
  /** Read indexes built for a filtered read before the others. */
  private readonly builtIndexes = new Set<ReadIndexName>();
  /**
   * Syncs started on this connection that have no grant with an `expansion` yet: every row of
   * such a sync was written here, so a read of its expandable grants has nothing to find.
   */
  private readonly syncsWithoutExpandable = new Set<string>();
  /** Builds resource rows' `data`, one row after another. */
  private readonly rowWriter = new ProtoWriter();
  /** Whether the open transaction holds a checkpoint not yet committed (see {@link checkpoint}). */
  private atSavepoint = false;
  private committedAt = performance.now();
  private readonly statements = new Map<string, StatementSync>();

  /** `db` is open on the file `path`. */
  constructor(
    private readonly db: DatabaseSync,
    private readonly path: string,
  ) {}

  /** Creates the schema (idempotent) and tunes the connection for bulk writes. */
  initWritable(): void {
    this.db.exec('pragma journal_mode = DELETE');
    this.db.exec('pragma synchronous = NORMAL');
    this.db.exec(`pragma cache_size = ${WRITE_CACHE_KIB}`);
    this.db.exec(C1Z_V1_SCHEMA);
  }

  /** Builds Baton's non-unique indexes where they are missing (once per connection). */
  ensureReadIndexes(): void {
    if (this.readIndexes) return;
    this.db.exec(C1Z_V1_READ_INDEXES);
    this.readIndexes = true;
  }

  /** Builds one of Baton's non-unique indexes where it is missing, for a filtered read. */
  private ensureReadIndex(name: ReadIndexName): void {
    if (this.readIndexes || this.builtIndexes.has(name)) return;
    this.db.exec(createReadIndexSql(name));
    this.builtIndexes.add(name);
  }

  // ---- reading -------------------------------------------------------------------------------

  syncs(): SyncRun[] {
    const rows = this.prepare(
      'select sync_id, started_at, ended_at, sync_token, sync_type from v1_sync_runs order by id',
    ).all() as unknown as SyncRunRow[];
    return rows.map(toSyncRun);
  }

  latestFinishedSync(type: SyncType = 'full'): SyncRun | undefined {
    const row = this.prepare(
      `select sync_id, started_at, ended_at, sync_token, sync_type from v1_sync_runs
       where ended_at is not null and sync_type = ? order by ended_at desc, id desc limit 1`,
    ).get(type) as SyncRunRow | undefined;
    return row ? toSyncRun(row) : undefined;
  }

  /** The newest unfinished sync, if any. */
  unfinishedSync(): SyncRun | undefined {
    const row = this.prepare(
      `select sync_id, started_at, ended_at, sync_token, sync_type from v1_sync_runs
       where ended_at is null order by id desc limit 1`,
    ).get() as SyncRunRow | undefined;
    return row ? toSyncRun(row) : undefined;
  }

  resourceTypes(syncId: string): ResourceType[] {
    return [...this.pages<DataRow>('v1_resource_types', 'id, data', bySync(syncId))].map((row) => decodeResourceType(row.data));
  }

  *resources(filter: ResourceFilter): IterableIterator<Resource> {
    const where = bySync(filter.syncId);
    if (filter.resourceTypeId !== undefined) add(where, 'resource_type_id = ?', filter.resourceTypeId);
    if (filter.parentId) {
      this.ensureReadIndex('idx_resources_parent_resource_id_v1');
      add(where, 'parent_resource_type_id = ?', filter.parentId.resourceType);
      add(where, 'parent_resource_id = ?', filter.parentId.resource);
    }
    for (const row of this.pages<DataRow>('v1_resources', 'id, data', where)) yield decodeResource(row.data);
  }

  resource(syncId: string, id: ResourceId): Resource | undefined {
    const row = this.getRow<DataRow>('v1_resources', 'id, data', syncId, resourceKey(id));
    return row ? decodeResource(row.data) : undefined;
  }

  *entitlements(filter: EntitlementFilter): IterableIterator<Entitlement> {
    const where = bySync(filter.syncId);
    if (filter.resourceTypeId !== undefined) add(where, 'resource_type_id = ?', filter.resourceTypeId);
    if (filter.resourceId) {
      this.ensureReadIndex('idx_entitlements_resource_id_v1');
      add(where, 'resource_type_id = ?', filter.resourceId.resourceType);
      add(where, 'resource_id = ?', filter.resourceId.resource);
    }
    for (const row of this.pages<DataRow>('v1_entitlements', 'id, data', where)) {
      yield decodeEntitlement(row.data);
    }
  }

  entitlement(syncId: string, id: string): Entitlement | undefined {
    const row = this.getRow<DataRow>('v1_entitlements', 'id, data', syncId, id);
    return row ? decodeEntitlement(row.data) : undefined;
  }

  *grants(filter: GrantFilter): IterableIterator<Grant> {
    if (filter.expandable === true && this.syncsWithoutExpandable.has(filter.syncId)) return;
    const index = grantIndexFor(filter);
    if (index) this.ensureReadIndex(index);
    const where = bySync(filter.syncId);
    if (filter.entitlementId !== undefined) add(where, 'entitlement_id = ?', filter.entitlementId);
    if (filter.resourceId) {
      add(where, 'resource_type_id = ?', filter.resourceId.resourceType);
      add(where, 'resource_id = ?', filter.resourceId.resource);
    }
    if (filter.principalId) {
      add(where, 'principal_resource_type_id = ?', filter.principalId.resourceType);
      add(where, 'principal_resource_id = ?', filter.principalId.resource);
    }
    if (filter.expandable !== undefined) where.sql.push(filter.expandable ? 'expansion is not null' : 'expansion is null');
    for (const row of this.pages<GrantRow>('v1_grants', 'id, data, expansion', where)) yield toGrant(row);
  }

  grant(syncId: string, id: string): Grant | undefined {
    const row = this.getRow<GrantRow>('v1_grants', 'id, data, expansion', syncId, id);
    return row ? toGrant(row) : undefined;
  }

  stats(syncId: string): SyncStats {
    const count = (table: ObjectTable): number =>
      (this.prepare(`select count(*) as n from ${table} where sync_id = ?`).get(syncId) as { n: number }).n;
    const resources: Record<string, number> = {};
    const rows = this.prepare(
      'select resource_type_id as type, count(*) as n from v1_resources where sync_id = ? group by resource_type_id order by resource_type_id',
    ).all(syncId) as { type: string; n: number }[];
    for (const row of rows) resources[row.type] = row.n;
    return { resourceTypes: count('v1_resource_types'), resources, entitlements: count('v1_entitlements'), grants: count('v1_grants') };
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Starts a sync and commits its `v1_sync_runs` row at once, so a resume can find it. */
  startSync(type: SyncType = 'full', now: Date = new Date()): string {
    const syncId = newKsuid(now);
    this.begin();
    this.prepare(
      `insert into v1_sync_runs (sync_id, started_at, sync_token, sync_type, parent_sync_id, linked_sync_id, grants_backfilled)
       values (?, ?, '', ?, '', '', 1)`,
    ).run(syncId, formatSqliteTime(now), type);
    this.commit();
    this.syncsWithoutExpandable.add(syncId);
    return syncId;
  }

  putResourceTypes(syncId: string, items: readonly ResourceType[]): void {
    this.writeRows(
      syncId,
      items,
      `insert into v1_resource_types (external_id, data, sync_id, discovered_at) values (?, ?, ?, ?)
       on conflict (external_id, sync_id) do update set data = excluded.data, discovered_at = excluded.discovered_at`,
      (t, now) => [t.id, encodeResourceType(t), syncId, now],
    );
  }

  putResources(syncId: string, items: readonly Resource[]): void {
    this.writeRows(
      syncId,
      items,
      `insert into v1_resources (resource_type_id, external_id, parent_resource_type_id, parent_resource_id, data, sync_id, discovered_at)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (external_id, sync_id) do update set resource_type_id = excluded.resource_type_id,
         parent_resource_type_id = excluded.parent_resource_type_id, parent_resource_id = excluded.parent_resource_id,
         data = excluded.data, discovered_at = excluded.discovered_at`,
      (r, now) => [
        r.id.resourceType,
        resourceKey(r.id),
        r.parentResourceId?.resourceType ?? null,
        r.parentResourceId?.resource ?? null,
        this.resourceData(r),
        syncId,
        now,
      ],
    );
  }

  putEntitlements(syncId: string, items: readonly Entitlement[]): void {
    this.writeRows(
      syncId,
      items,
      `insert into v1_entitlements (resource_type_id, resource_id, external_id, data, sync_id, discovered_at)
       values (?, ?, ?, ?, ?, ?)
       on conflict (external_id, sync_id) do update set resource_type_id = excluded.resource_type_id,
         resource_id = excluded.resource_id, data = excluded.data, discovered_at = excluded.discovered_at`,
      (e, now) => [e.resource.id.resourceType, e.resource.id.resource, e.id, encodeEntitlement(e), syncId, now],
    );
  }

  /**
   * Writes grants the way Baton does: a `GrantExpandable` annotation is moved out of the `data`
   * blob into the `expansion` column (with `needs_expansion = 1` when it names an entitlement);
   * readers re-attach it as the last annotation. See {@link GrantRowEncoder}.
   */
  putGrants(syncId: string, items: readonly Grant[]): void {
    const encoder = new GrantRowEncoder();
    const values: SqlValue[] = [];
    let expandable = false;
    this.writeRows(
      syncId,
      items,
      `insert into v1_grants (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, principal_resource_id,
         external_id, expansion, needs_expansion, data, sync_id, discovered_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (external_id, sync_id) do update set resource_type_id = excluded.resource_type_id,
         resource_id = excluded.resource_id, entitlement_id = excluded.entitlement_id,
         principal_resource_type_id = excluded.principal_resource_type_id,
         principal_resource_id = excluded.principal_resource_id, expansion = excluded.expansion,
         needs_expansion = excluded.needs_expansion, data = excluded.data, discovered_at = excluded.discovered_at`,
      (g, now) => {
        const data = encoder.encode(g);
        const expansion = encoder.expansion;
        if (expansion) expandable = true;
        // One array for every row of the batch: statement.run copies the values it binds.
        values[0] = g.entitlement.resource.id.resourceType;
        values[1] = g.entitlement.resource.id.resource;
        values[2] = g.entitlement.id;
        values[3] = g.principal.id.resourceType;
        values[4] = g.principal.id.resource;
        values[5] = g.id;
        values[6] = expansion;
        values[7] = expansion ? 1 : 0;
        values[8] = data;
        values[9] = syncId;
        values[10] = now;
        return values;
      },
    );
    if (expandable) this.syncsWithoutExpandable.delete(syncId);
  }

  /**
   * Stores the engine's state on the sync. Everything written so far becomes the state that
   * {@link rollback} returns to; it is committed to disk when {@link COMMIT_INTERVAL_MS} has
   * passed since the last commit, and otherwise marked with a savepoint inside the open
   * transaction. Resume stays exact: a killed process finds the last committed checkpoint with
   * exactly the rows written before it; it only has more to do again.
   */
  checkpoint(syncId: string, syncToken: string): void {
    this.begin();
    const result = this.prepare('update v1_sync_runs set sync_token = ? where sync_id = ?').run(syncToken, syncId);
    if (result.changes === 0) throw unknownSync(syncId);
    if (performance.now() - this.committedAt >= COMMIT_INTERVAL_MS) {
      this.commit();
      return;
    }
    if (this.atSavepoint) this.db.exec(`release ${SAVEPOINT}`);
    this.db.exec(`savepoint ${SAVEPOINT}`);
    this.atSavepoint = true;
  }

  /** Marks the sync finished, prunes old syncs (see {@link selectSyncsToPrune}), and commits. */
  endSync(syncId: string, now: Date = new Date()): void {
    this.begin();
    const result = this.prepare('update v1_sync_runs set ended_at = ? where sync_id = ? and ended_at is null').run(
      formatSqliteTime(now),
      syncId,
    );
    if (result.changes === 0) throw unknownSync(syncId);
    const run = this.prepare('select sync_type from v1_sync_runs where sync_id = ?').get(syncId) as { sync_type: SyncType };
    this.prepare(SYNC_RUN_SUMMARY_SQL).run(...syncRunSummary(this.db, syncId, run.sync_type));
    this.pruneOldSyncs();
    this.commit();
  }

  /** Commits the open transaction, if any. */
  commit(): void {
    if (!this.inTransaction) return;
    this.db.exec('commit');
    this.inTransaction = false;
    this.atSavepoint = false;
    this.committedAt = performance.now();
  }

  /** Discards every write since the last checkpoint and commits the state at that checkpoint. */
  rollback(): void {
    if (!this.inTransaction) return;
    if (this.atSavepoint) {
      this.db.exec(`rollback to ${SAVEPOINT}`);
      this.commit();
      return;
    }
    this.db.exec('rollback');
    this.inTransaction = false;
  }

  /**
   * Commits, folds the write-ahead log into the database file and closes it, ready to compress.
   * When rows were deleted (pruned syncs, here or in an earlier run whose export failed), the
   * file is compacted first, so it shrinks and no bytes of the deleted rows remain in it. The
   * compact copy is written beside the database (`VACUUM INTO`), never to the system's temp
   * directory, which may be small or read-only; if compacting fails, the file is exported as is.
   */
  closeForExport(): void {
    const file = this.path;
    const compact = `${file}.compact`;
    let compacted = false;
    try {
      this.commit();
      this.db.exec(`pragma threads = ${INDEX_SORT_THREADS}`);
      this.ensureReadIndexes();
      this.db.exec('pragma journal_mode = DELETE');
      const freePages = (this.db.prepare('pragma freelist_count').get() as { freelist_count: number }).freelist_count;
      if (this.deletedRows || freePages > 0) compacted = this.compactInto(compact);
    } finally {
      this.db.close();
    }
    if (compacted) renameSync(compact, file);
  }

  /** Writes a compacted copy of the database to `target`; false (and no file) when that fails. */
  private compactInto(target: string): boolean {
    rmSync(target, { force: true });
    try {
      this.db.prepare('vacuum into ?').run(target);
      return true;
    } catch {
      rmSync(target, { force: true });
      return false;
    }
  }

  private pruneOldSyncs(): void {
    const finished = this.prepare(
      'select sync_id, started_at, ended_at, sync_token, sync_type from v1_sync_runs where ended_at is not null order by id',
    ).all() as unknown as SyncRunRow[];
    for (const old of selectSyncsToPrune(finished.map(toSyncRun))) {
      for (const table of SYNC_SCOPED_TABLES) this.prepare(`delete from ${table} where sync_id = ?`).run(old);
      this.prepare('delete from v1_sync_runs where sync_id = ?').run(old);
      this.deletedRows = true;
    }
  }

  private writeRows<T>(syncId: string, items: readonly T[], sql: string, row: (item: T, now: string) => SqlValue[]): void {
    if (items.length === 0) return;
    this.requireOpenSync(syncId);
    this.begin();
    const statement = this.prepare(sql);
    const now = formatSqliteTime(new Date());
    for (const item of items) statement.run(...row(item, now));
  }

  /** A resource row's `data`: a view into {@link rowWriter}, valid until the next row is built. */
  private resourceData(resource: Resource): Uint8Array {
    writeResourceFields(this.rowWriter.reset(), resource);
    return this.rowWriter.view();
  }

  private requireOpenSync(syncId: string): void {
    const row = this.prepare('select ended_at from v1_sync_runs where sync_id = ?').get(syncId) as { ended_at: string | null } | undefined;
    if (!row) throw unknownSync(syncId);
    if (row.ended_at !== null) {
      throw new ConnectorError(`c1z: sync ${syncId} has already ended`, { code: 'failed-precondition' });
    }
  }

  private begin(): void {
    if (this.inTransaction) return;
    this.db.exec('begin');
    this.inTransaction = true;
  }

  private prepare(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private getRow<R>(table: ObjectTable, columns: string, syncId: string, externalId: string): R | undefined {
    return this.prepare(`select ${columns} from ${table} where external_id = ? and sync_id = ?`).get(externalId, syncId) as R | undefined;
  }

  /**
   * Streams matching rows in insertion order (by rowid), a page at a time (keyset pagination),
   * so no statement stays open between pages and the caller may write while iterating. The
   * tables' indexes hold rowids in order within each key, so a page needs no sort; an upsert
   * keeps its row's place, so the order is stable within a file (resume positions rely on it).
   */
  private *pages<R extends DataRow>(table: ObjectTable, columns: string, where: Where): IterableIterator<R> {
    let after: number | undefined;
    for (;;) {
      const sql = [...where.sql, ...(after === undefined ? [] : ['id > ?'])];
      const params = [...where.params, ...(after === undefined ? [] : [after])];
      const rows = this.prepare(`select ${columns} from ${table} where ${sql.join(' and ')} order by id limit ${PAGE_ROWS}`).all(
        ...params,
      ) as unknown as R[];
      yield* rows;
      if (rows.length < PAGE_ROWS) return;
      after = (rows[rows.length - 1] as R).id;
    }
  }
}

/**
 * The syncs to delete, following Baton's retention policy: the newest
 * {@link RETAINED_FULL_SYNCS} finished full syncs stay (newest by end time); older full syncs go,
 * and when any go, so do `partial` and `resources_only` syncs that ended before the oldest kept
 * full sync started. Unfinished syncs always stay. `runs` is ordered oldest first (by rowid).
 */
export function selectSyncsToPrune(runs: readonly SyncRun[]): string[] {
  const isPartial = (run: SyncRun): boolean => run.type === 'partial' || run.type === 'resources_only';
  const finished = runs.filter((run) => run.endedAt !== undefined);
  const full = finished
    .filter((run) => !isPartial(run))
    .map((run, order) => ({ run, order }))
    .sort((a, b) => (b.run.endedAt?.getTime() ?? 0) - (a.run.endedAt?.getTime() ?? 0) || b.order - a.order)
    .map(({ run }) => run);
  const dropped = full.slice(RETAINED_FULL_SYNCS);
  const oldestKept = full[RETAINED_FULL_SYNCS - 1];
  if (dropped.length === 0 || oldestKept === undefined) return [];
  const cutoff = oldestKept.startedAt.getTime();
  const partials = finished.filter((run) => isPartial(run) && (run.endedAt?.getTime() ?? cutoff) < cutoff);
  return [...dropped, ...partials].map((run) => run.syncId);
}

/** The read index a filtered grant read needs; undefined when it reads in rowid order alone. */
function grantIndexFor(filter: GrantFilter): ReadIndexName | undefined {
  if (filter.entitlementId !== undefined) {
    return filter.principalId ? 'idx_grants_entitlement_id_principal_id_v1' : 'idx_grants_entitlement_sync_grant_v1';
  }
  if (filter.resourceId) return 'idx_grants_resource_type_id_resource_id_v1';
  if (filter.principalId) return 'idx_grants_principal_id_v1';
  return filter.expandable === true ? 'idx_grants_sync_expansion_v1' : undefined;
}

function bySync(syncId: string): Where {
  return { sql: ['sync_id = ?'], params: [syncId] };
}

function add(where: Where, sql: string, value: SqlValue): void {
  where.sql.push(sql);
  where.params.push(value);
}

function toGrant(row: GrantRow): Grant {
  const grant = decodeGrant(row.data);
  if (row.expansion && row.expansion.length > 0) grant.annotations.push(decodeGrantExpandable(row.expansion));
  else {
    // Older baton-sdk versions left it in the data; Baton's migration moves it last, as we write it.
    const inData = grant.annotations.findIndex((a) => a.$type === 'c1.connector.v2.GrantExpandable');
    if (inData >= 0) grant.annotations.push(...grant.annotations.splice(inData, 1));
  }
  return grant;
}

function toSyncRun(row: SyncRunRow): SyncRun {
  const run: SyncRun = { syncId: row.sync_id, type: row.sync_type as SyncType, startedAt: parseSqliteTime(row.started_at) };
  if (row.ended_at !== null) run.endedAt = parseSqliteTime(row.ended_at);
  if (row.sync_token !== '') run.syncToken = row.sync_token;
  return run;
}

function unknownSync(syncId: string): ConnectorError {
  return new ConnectorError(`c1z: no sync ${syncId} in this file`, { code: 'failed-precondition' });
}
