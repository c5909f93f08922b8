/**
 * The SQLite schema of a c1z v1 file: the tables, columns and unique indexes baton-sdk's
 * `pkg/dotc1z` (v0.25.0) creates, so Baton's reader opens our files without migrating them;
 * its other indexes are {@link C1Z_V1_READ_INDEXES}.
 */
export const C1Z_V1_SCHEMA = `
create table if not exists v1_resource_types (
    id integer primary key,
    external_id text not null,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create unique index if not exists idx_resource_types_external_sync_v1 on v1_resource_types (external_id, sync_id);

create table if not exists v1_resources (
    id integer primary key,
    resource_type_id text not null,
    external_id text not null,
    parent_resource_type_id text,
    parent_resource_id text,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create unique index if not exists idx_resources_external_sync_v1 on v1_resources (external_id, sync_id);

create table if not exists v1_entitlements (
    id integer primary key,
    resource_type_id text not null,
    resource_id text not null,
    external_id text not null,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create unique index if not exists idx_entitlements_external_sync_v1 on v1_entitlements (external_id, sync_id);

create table if not exists v1_grants (
    id integer primary key,
    resource_type_id text not null,
    resource_id text not null,
    entitlement_id text not null,
    principal_resource_type_id text not null,
    principal_resource_id text not null,
    external_id text not null,
    expansion blob,
    needs_expansion integer not null default 0,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create unique index if not exists idx_grants_external_sync_v1 on v1_grants (external_id, sync_id);

create table if not exists v1_sync_runs (
    id integer primary key,
    sync_id text not null,
    started_at datetime not null,
    ended_at datetime,
    sync_token text not null,
    sync_type text not null default 'full',
    parent_sync_id text not null default '',
    linked_sync_id text not null default '',
    supports_diff integer not null default 0,
    grants_backfilled integer not null default 0,
    stats text,
    ingest_invariant_generation text not null default '',
    ingest_invariant_coverage text not null default '',
    ingest_invariant_mode text not null default ''
);
create unique index if not exists idx_sync_runs_sync_id_v1 on v1_sync_runs (sync_id);

create table if not exists v1_assets (
    id integer primary key,
    external_id text not null,
    content_type text not null,
    data blob not null,
    sync_id text not null,
    discovered_at datetime not null
);
create unique index if not exists idx_assets_external_sync_v1 on v1_assets (external_id, sync_id);

create table if not exists v1_connector_sessions (
    id integer primary key,
    sync_id text not null,
    key text not null,
    value blob not null
);
create unique index if not exists idx_session_store_sync_key_v1 on v1_connector_sessions (sync_id, key);
`;

/**
 * Baton's non-unique indexes, by name. A writer builds them after the rows (see `C1zDatabase`),
 * so a finished file has every index of {@link C1Z_V1_SCHEMA} plus these, as Baton's own files do.
 */
export const C1Z_V1_READ_INDEX = {
  idx_resources_resource_type_id_v1: 'v1_resources (resource_type_id)',
  idx_resources_parent_resource_id_v1: 'v1_resources (parent_resource_type_id, parent_resource_id)',
  idx_entitlements_resource_id_v1: 'v1_entitlements (resource_type_id, resource_id)',
  idx_grants_resource_type_id_resource_id_v1: 'v1_grants (resource_type_id, resource_id)',
  idx_grants_principal_id_v1: 'v1_grants (principal_resource_type_id, principal_resource_id)',
  idx_grants_entitlement_id_principal_id_v1: 'v1_grants (entitlement_id, principal_resource_type_id, principal_resource_id)',
  idx_grants_entitlement_sync_grant_v1: 'v1_grants (entitlement_id, sync_id, id)',
  idx_grants_sync_expansion_v1: 'v1_grants (sync_id) where expansion is not null',
  idx_grants_sync_needs_expansion_v1: 'v1_grants (sync_id) where needs_expansion = 1',
} as const;

/** The name of one of Baton's non-unique indexes. */
export type ReadIndexName = keyof typeof C1Z_V1_READ_INDEX;

/** The statement creating a read index where it is missing. */
export function createReadIndexSql(name: ReadIndexName): string {
  return `create index if not exists ${name} on ${C1Z_V1_READ_INDEX[name]};`;
}

/** Every read index's statement, in Baton's order. */
export const C1Z_V1_READ_INDEXES = (Object.keys(C1Z_V1_READ_INDEX) as ReadIndexName[]).map(createReadIndexSql).join('\n');

/** The tables holding per-sync rows, pruned together with their sync. */
export const SYNC_SCOPED_TABLES = [
  'v1_resource_types',
  'v1_resources',
  'v1_entitlements',
  'v1_grants',
  'v1_assets',
  'v1_connector_sessions',
] as const;

/**
 * Formats a time the way Baton writes c1z v1 timestamps: local wall clock, no zone,
 * `2006-01-02 15:04:05.999999999` (trailing zeros of the fraction dropped).
 */
export function formatSqliteTime(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const base = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const ms = date.getMilliseconds();
  return ms === 0 ? base : `${base}.${pad(ms, 3).replace(/0+$/, '')}`;
}

/** Parses a c1z v1 timestamp (local wall clock, as {@link formatSqliteTime} writes). */
export function parseSqliteTime(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text);
  if (!m) return new Date(text);
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}
