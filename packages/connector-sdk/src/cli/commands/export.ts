import type { C1zReader, SyncRun } from '../../c1z/index.js';
import { resourceKey } from '../../model/index.js';
import { chooseSync, withC1z } from '../c1z-source.js';
import type { Command } from '../context.js';
import { csvRecord } from '../csv.js';
import { EXIT_CODES } from '../exit-codes.js';
import { type TextOutput, toJson } from '../output.js';

const CSV_HEADER = [
  'kind',
  'id',
  'resource_type',
  'resource_id',
  'display_name',
  'parent',
  'entitlement_id',
  'principal_type',
  'principal_id',
] as const;

/** Streams the sync as one JSON object: `{ syncId, resourceTypes, resources, entitlements, grants }`. */
async function exportJson(out: TextOutput, reader: C1zReader, sync: SyncRun): Promise<void> {
  const section = async (name: string, items: Iterable<unknown>, first = false): Promise<void> => {
    await out.write(`${first ? '' : ','}\n${JSON.stringify(name)}: [`);
    let count = 0;
    for (const item of items) await out.write(`${count++ === 0 ? '' : ','}\n${toJson(item)}`);
    await out.write(count === 0 ? ']' : '\n]');
  };
  await out.write(`{\n"syncId": ${JSON.stringify(sync.syncId)},\n"syncType": ${JSON.stringify(sync.type)}`);
  await section('resourceTypes', reader.resourceTypes(sync.syncId));
  await section('resources', reader.resources({ syncId: sync.syncId }));
  await section('entitlements', reader.entitlements({ syncId: sync.syncId }));
  await section('grants', reader.grants({ syncId: sync.syncId }));
  await out.line('\n}');
}

/** Streams the sync as CSV, one record per object, with a `kind` column. */
async function exportCsv(out: TextOutput, reader: C1zReader, sync: SyncRun): Promise<void> {
  await out.write(csvRecord(CSV_HEADER));
  for (const type of reader.resourceTypes(sync.syncId)) {
    await out.write(csvRecord(['resource_type', type.id, type.id, '', type.displayName, '', '', '', '']));
  }
  for (const r of reader.resources({ syncId: sync.syncId })) {
    await out.write(
      csvRecord([
        'resource',
        resourceKey(r.id),
        r.id.resourceType,
        r.id.resource,
        r.displayName,
        r.parentResourceId ? resourceKey(r.parentResourceId) : '',
        '',
        '',
        '',
      ]),
    );
  }
  for (const e of reader.entitlements({ syncId: sync.syncId })) {
    const res = e.resource.id;
    await out.write(csvRecord(['entitlement', e.id, res.resourceType, res.resource, e.displayName, '', e.id, '', '']));
  }
  for (const g of reader.grants({ syncId: sync.syncId })) {
    const res = g.entitlement.resource.id;
    const principal = g.principal.id;
    await out.write(
      csvRecord([
        'grant',
        g.id,
        res.resourceType,
        res.resource,
        g.principal.displayName,
        '',
        g.entitlement.id,
        principal.resourceType,
        principal.resource,
      ]),
    );
  }
}

/** `export --format json|csv`: everything of the latest sync, streamed to stdout. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write everything of the latest sync in --file to stdout (--format json|csv)',
  needsConnectorConfig: false,
  run: (ctx) =>
    withC1z(ctx.settings.file, ctx.binary, async (reader) => {
      const sync = chooseSync(reader, ctx.settings.file, ctx.settings.syncId);
      if (ctx.settings.format === 'csv') await exportCsv(ctx.stdout, reader, sync);
      else await exportJson(ctx.stdout, reader, sync);
      return EXIT_CODES.ok;
    }),
};
