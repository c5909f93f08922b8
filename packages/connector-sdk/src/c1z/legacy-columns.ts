/**
 * Columns older baton-sdk versions did not write, with the definitions baton-sdk's own
 * migrations (`pkg/dotc1z`, v0.25.0) add them with: 0.2.x files lack `sync_type` and the later
 * sync-run columns, files before about 0.7 lack the grants' `expansion` columns (their
 * `GrantExpandable` annotations stay in the grant's data, where the decoder finds them).
 */
const LEGACY_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  { table: 'v1_sync_runs', column: 'sync_type', definition: "text not null default 'full'" },
  { table: 'v1_sync_runs', column: 'parent_sync_id', definition: "text not null default ''" },
  { table: 'v1_sync_runs', column: 'linked_sync_id', definition: "text not null default ''" },
  { table: 'v1_sync_runs', column: 'supports_diff', definition: 'integer not null default 0' },
  { table: 'v1_sync_runs', column: 'grants_backfilled', definition: 'integer not null default 0' },
  { table: 'v1_sync_runs', column: 'stats', definition: 'text' },
  { table: 'v1_sync_runs', column: 'ingest_invariant_generation', definition: "text not null default ''" },
  { table: 'v1_sync_runs', column: 'ingest_invariant_coverage', definition: "text not null default ''" },
  { table: 'v1_sync_runs', column: 'ingest_invariant_mode', definition: "text not null default ''" },
  { table: 'v1_grants', column: 'expansion', definition: 'blob' },
  { table: 'v1_grants', column: 'needs_expansion', definition: 'integer not null default 0' },
];

/** The part of a SQLite connection this module uses (better-sqlite3 and node:sqlite alike). */
export interface SqlConnection {
  exec(sql: string): unknown;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

/**
 * Adds the columns an older baton-sdk did not write to the tables that exist, as baton-sdk does
 * when it opens such a file. Only ever run on a private or working copy of a file, never on the
 * file itself. Returns the `table.column` names added.
 */
export function addLegacyColumns(db: SqlConnection): string[] {
  const added: string[] = [];
  const columnsOf = new Map<string, Set<string>>();
  for (const { table, column, definition } of LEGACY_COLUMNS) {
    let columns = columnsOf.get(table);
    if (!columns) {
      const rows = db.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[];
      columnsOf.set(table, (columns = new Set(rows.map((row) => row.name))));
    }
    // A table the file does not have yet is created whole, with every column, by the schema.
    if (columns.size === 0 || columns.has(column)) continue;
    db.exec(`alter table ${table} add column ${column} ${definition}`);
    columns.add(column);
    added.push(`${table}.${column}`);
  }
  return added;
}
