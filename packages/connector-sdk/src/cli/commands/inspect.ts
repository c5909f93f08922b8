import type { C1zReader, SyncRun } from '../../c1z/index.js';
import { resourceKey } from '../../model/index.js';
import type { Entitlement, Grant, Resource } from '../../model/index.js';
import { chooseSync, parseResourceRef, withC1z } from '../c1z-source.js';
import type { Command, CommandContext } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson, writeJsonArray } from '../output.js';
import { type Column, writeTable } from '../table.js';
import { COMMAND_SUMMARIES } from '../command-summaries.js';

const RESOURCE_COLUMNS: Column<Resource>[] = [
  { header: 'TYPE', cell: (r) => r.id.resourceType },
  { header: 'ID', cell: (r) => r.id.resource },
  { header: 'DISPLAY NAME', cell: (r) => r.displayName },
  { header: 'PARENT', cell: (r) => (r.parentResourceId ? resourceKey(r.parentResourceId) : '') },
];

const ENTITLEMENT_COLUMNS: Column<Entitlement>[] = [
  { header: 'ID', cell: (e) => e.id },
  { header: 'DISPLAY NAME', cell: (e) => e.displayName },
  { header: 'RESOURCE', cell: (e) => e.resource.displayName || resourceKey(e.resource.id) },
  { header: 'PURPOSE', cell: (e) => e.purpose },
  { header: 'GRANTABLE TO', cell: (e) => e.grantableTo.map((type) => type.id).join(',') },
];

/** The grant table; a grant holds only its principal's id, so the name is read from the file. */
function grantColumns(principalName: (grant: Grant) => string): Column<Grant>[] {
  return [
    { header: 'ENTITLEMENT', cell: (g) => g.entitlement.id },
    { header: 'PRINCIPAL', cell: (g) => resourceKey(g.principal.id) },
    { header: 'PRINCIPAL NAME', cell: principalName },
    { header: 'SOURCES', cell: (g) => Object.keys(g.sources ?? {}).join(',') },
  ];
}

/** Principal names most recently looked up, at most this many (grants cluster by principal and entitlement). */
const NAME_CACHE_SIZE = 10_000;

/** Reads each grant's principal name from the sync's resources, with a bounded cache. */
function principalNames(reader: C1zReader, syncId: string): (grant: Grant) => string {
  const cache = new Map<string, string>();
  return (grant) => {
    if (grant.principal.displayName) return grant.principal.displayName;
    const key = resourceKey(grant.principal.id);
    let name = cache.get(key);
    if (name === undefined) {
      name = reader.resource(syncId, grant.principal.id)?.displayName ?? '';
      if (cache.size >= NAME_CACHE_SIZE) cache.clear();
      cache.set(key, name);
    }
    return name;
  };
}

async function list<T>(ctx: CommandContext, rows: Iterable<T>, columns: Column<T>[], noun: string): Promise<number> {
  if (ctx.format === 'json') await writeJsonArray(ctx.stdout, rows);
  else await writeTable(ctx.stdout, columns, rows, { emptyMessage: `no ${noun} found` });
  return EXIT_CODES.ok;
}

function inspect(ctx: CommandContext, read: (reader: C1zReader, sync: SyncRun) => Promise<number>): Promise<number> {
  return withC1z(ctx.settings.file, ctx.binary, (reader) => read(reader, chooseSync(reader, ctx.settings.file, ctx.settings.syncId)));
}

/** `resources [--resource-type T]`: the resources of the latest sync. */
export const resourcesCommand: Command = {
  name: 'resources',
  summary: COMMAND_SUMMARIES.resources,
  needsConnectorConfig: false,
  run: (ctx) =>
    inspect(ctx, (reader, sync) => {
      const { resourceType } = ctx.settings;
      const rows = reader.resources({ syncId: sync.syncId, ...(resourceType && { resourceTypeId: resourceType }) });
      return list(ctx, rows, RESOURCE_COLUMNS, 'resources');
    }),
};

/** `entitlements [--resource-type T] [--resource type:id]`. */
export const entitlementsCommand: Command = {
  name: 'entitlements',
  summary: COMMAND_SUMMARIES.entitlements,
  needsConnectorConfig: false,
  run: (ctx) =>
    inspect(ctx, (reader, sync) => {
      const { resourceType, resource } = ctx.settings;
      const rows = reader.entitlements({
        syncId: sync.syncId,
        ...(resourceType && { resourceTypeId: resourceType }),
        ...(resource && { resourceId: parseResourceRef(resource, 'resource') }),
      });
      return list(ctx, rows, ENTITLEMENT_COLUMNS, 'entitlements');
    }),
};

/** `grants [--entitlement ID] [--resource type:id] [--principal type:id]`. */
export const grantsCommand: Command = {
  name: 'grants',
  summary: COMMAND_SUMMARIES.grants,
  needsConnectorConfig: false,
  run: (ctx) =>
    inspect(ctx, (reader, sync) => {
      const { entitlement, resource, principal } = ctx.settings;
      const rows = reader.grants({
        syncId: sync.syncId,
        ...(entitlement && { entitlementId: entitlement }),
        ...(resource && { resourceId: parseResourceRef(resource, 'resource') }),
        ...(principal && { principalId: parseResourceRef(principal, 'principal') }),
      });
      return list(ctx, rows, grantColumns(principalNames(reader, sync.syncId)), 'grants');
    }),
};

/** `stats`: object counts of the latest sync. */
export const statsCommand: Command = {
  name: 'stats',
  summary: COMMAND_SUMMARIES.stats,
  needsConnectorConfig: false,
  run: (ctx) =>
    inspect(ctx, async (reader, sync) => {
      const stats = reader.stats(sync.syncId);
      if (ctx.format === 'json') {
        await ctx.stdout.line(
          toJson(
            { syncId: sync.syncId, type: sync.type, startedAt: sync.startedAt, ...(sync.endedAt && { endedAt: sync.endedAt }), ...stats },
            2,
          ),
        );
        return EXIT_CODES.ok;
      }
      const rows: [string, string][] = [
        ['sync', `${sync.syncId} (${sync.type}, ${sync.endedAt ? `finished ${sync.endedAt.toISOString()}` : 'unfinished'})`],
        ['resource types', String(stats.resourceTypes)],
        ...Object.entries(stats.resources).map(([type, count]): [string, string] => [`resources: ${type}`, String(count)]),
        ['entitlements', String(stats.entitlements)],
        ['grants', String(stats.grants)],
      ];
      await writeTable(
        ctx.stdout,
        [
          { header: 'OBJECT', cell: (row: [string, string]) => row[0] },
          { header: 'COUNT', cell: (row: [string, string]) => row[1] },
        ],
        rows,
        { maxCellWidth: 100 },
      );
      return EXIT_CODES.ok;
    }),
};
