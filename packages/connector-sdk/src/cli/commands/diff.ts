import { diffSyncs } from '../../c1z/index.js';
import { finishedFullSyncs, withC1z } from '../c1z-source.js';
import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson } from '../output.js';
import { writeTable } from '../table.js';
import { UsageError } from '../cli-errors.js';
import { COMMAND_SUMMARIES } from '../command-summaries.js';

type Change = 'created' | 'deleted' | 'modified';
const KINDS = ['resources', 'entitlements', 'grants'] as const;
const CHANGES: readonly Change[] = ['created', 'deleted', 'modified'];

interface DiffRow {
  change: Change;
  kind: (typeof KINDS)[number];
  id: string;
}

/** `diff`: what was created, deleted or modified between the last two full syncs in the file. */
export const diffCommand: Command = {
  name: 'diff',
  summary: COMMAND_SUMMARIES.diff,
  needsConnectorConfig: false,
  run: (ctx) =>
    withC1z(ctx.settings.file, ctx.binary, async (reader) => {
      const syncs = finishedFullSyncs(reader);
      const base = syncs.at(-2);
      const applied = syncs.at(-1);
      if (!base || !applied) {
        throw new UsageError(`diff needs two finished full syncs in ${ctx.settings.file}; it holds ${syncs.length}. Sync again, then diff`);
      }
      const diff = diffSyncs(reader, base.syncId, applied.syncId);
      if (ctx.format === 'json') {
        await ctx.stdout.line(toJson({ baseSyncId: base.syncId, appliedSyncId: applied.syncId, ...diff }, 2));
        return EXIT_CODES.ok;
      }
      const rows: DiffRow[] = KINDS.flatMap((kind) => CHANGES.flatMap((change) => diff[kind][change].map((id) => ({ change, kind, id }))));
      await ctx.stdout.line(`changes from sync ${base.syncId} to ${applied.syncId}`);
      await writeTable(
        ctx.stdout,
        [
          { header: 'CHANGE', cell: (row: DiffRow) => row.change },
          { header: 'KIND', cell: (row: DiffRow) => row.kind.replace(/s$/, '') },
          { header: 'ID', cell: (row: DiffRow) => row.id },
        ],
        rows,
        { emptyMessage: 'no changes', maxCellWidth: 200 },
      );
      return EXIT_CODES.ok;
    }),
};
