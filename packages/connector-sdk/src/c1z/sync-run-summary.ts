import type { SqlConnection } from './legacy-columns.js';
import type { SyncType } from './store-types.js';

/** The ingest-invariant generation, coverage and mode baton-sdk v0.25 records for a full sync. */
const INGEST_INVARIANTS = { generation: '1', coverage: '["I5","I10"]', mode: 'connector' } as const;

/**
 * The `v1_sync_runs` columns baton-sdk v0.25 fills when a sync ends, for `sync_id = ?`:
 * `stats` (object counts as JSON, keys as Baton names them), and for a full sync
 * `supports_diff = 1` and the ingest-invariant columns. The invariants Baton checks (I5, exclusion
 * groups; I10, spawned page cursors) concern annotations this SDK's connectors cannot emit, so
 * they hold for every sync it writes.
 */
export function syncRunSummary(db: SqlConnection, syncId: string, type: SyncType): (string | number)[] {
  const count = (table: string): number =>
    (db.prepare(`select count(*) as n from ${table} where sync_id = ?`).all(syncId)[0] as { n: number }).n;
  const byType = (table: string): Record<string, number> => {
    const rows = db
      .prepare(
        `select resource_type_id as type, count(*) as n from ${table} where sync_id = ? group by resource_type_id order by resource_type_id`,
      )
      .all(syncId) as { type: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.type, row.n]));
  };
  const resources = byType('v1_resources');
  const entitlements = byType('v1_entitlements');
  const grants = byType('v1_grants');
  // The totals are the sums of the per-type counts: one pass over each big table, not two.
  const total = (counts: Record<string, number>): number => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const stats = {
    resource_types: count('v1_resource_types'),
    resources: total(resources),
    entitlements: total(entitlements),
    grants: total(grants),
    resources_by_resource_type: resources,
    grants_by_resource_type: grants,
    entitlements_by_resource_type: entitlements,
  };
  const full = type === 'full';
  return [
    JSON.stringify(stats),
    full ? 1 : 0,
    full ? INGEST_INVARIANTS.generation : '',
    full ? INGEST_INVARIANTS.coverage : '',
    full ? INGEST_INVARIANTS.mode : '',
    syncId,
  ];
}

/** The statement {@link syncRunSummary}'s values go into. */
export const SYNC_RUN_SUMMARY_SQL = `update v1_sync_runs set stats = ?, supports_diff = ?, ingest_invariant_generation = ?,
  ingest_invariant_coverage = ?, ingest_invariant_mode = ? where sync_id = ?`;
