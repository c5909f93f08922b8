import { C1zFormatError, openSyncStore } from '../../c1z/index.js';
import type { SyncStore } from '../../c1z/index.js';
import { runSync } from '../../sync/index.js';
import type { SyncSummary } from '../../sync/index.js';
import { flagHint } from '../../config/index.js';
import type { Connector } from '../../connector/index.js';
import { InterruptedError, UsageError } from '../cli-errors.js';
import type { Command, CommandContext } from '../context.js';
import { withConnector } from '../connector-factory.js';
import { EXIT_CODES } from '../exit-codes.js';
import { formatDuration, plural } from '../format.js';
import { isConnectorError } from '../../errors/index.js';
import { explainStoreError } from '../file-errors.js';
import { createProgressReporter } from '../progress.js';
import { COMMAND_SUMMARIES } from '../command-summaries.js';

/** The one-line summary every finished sync ends with. */
export function describeSummary(summary: SyncSummary, file: string): string {
  const counts = [
    plural(summary.resourceTypes, 'resource type'),
    plural(summary.resources, 'resource'),
    plural(summary.entitlements, 'entitlement'),
    plural(summary.grants, 'grant'),
  ].join(', ');
  const extras = [summary.resumed ? 'resumed' : undefined, summary.warnings > 0 ? plural(summary.warnings, 'warning') : undefined].filter(
    (extra) => extra !== undefined,
  );
  const note = extras.length > 0 ? ` (${extras.join(', ')})` : '';
  return `synced ${counts} in ${formatDuration(summary.durationMs)}${note} -> ${file}`;
}

/**
 * Runs a sync into `--file`. The store keeps the working state beside the file; an interrupted
 * or failed sync leaves it there (and the previous file untouched), so running the same command
 * again resumes.
 */
export async function syncIntoFile(ctx: CommandContext): Promise<number> {
  const { settings } = ctx;
  const resourceTypeIds = [...(settings.syncResourceTypes ?? [])];
  const progress = createProgressReporter({ stderr: ctx.stderr.stream, logger: ctx.logger });
  // The connector logs through the same wrapper (its HTTP client reports rate-limit waits), so
  // its lines never collide with the progress line.
  const logger = progress.around(ctx.logger);
  return withConnector(
    { ...ctx, logger },
    async (connector) => {
      checkResourceTypes(connector, resourceTypeIds, ctx.binary);
      const place = { file: settings.file, ...(settings.c1zTempDir !== undefined && { tempDir: settings.c1zTempDir }) };
      const store: SyncStore = await openSyncStore(settings.file, {
        ...(settings.c1zTempDir !== undefined && { tempDir: settings.c1zTempDir }),
      }).catch((error: unknown) => {
        if (!(error instanceof C1zFormatError)) throw explainStoreError(error, place);
        throw new UsageError(`${error.message} (--file / BATON_FILE); move it aside or choose another --file`, { cause: error });
      });
      let summary: SyncSummary;
      try {
        summary = await runSync({
          connector,
          store,
          logger,
          signal: ctx.signal,
          workers: settings.workers,
          ...(resourceTypeIds.length > 0 && { resourceTypeIds }),
          skipEntitlementsAndGrants: settings.skipEntitlementsAndGrants,
          onProgress: (event) => progress.update(event),
        });
        await store.finish();
      } catch (error) {
        progress.done();
        store.abandon();
        if (ctx.signal.aborted) {
          throw new InterruptedError('sync interrupted; run the same command again to resume', { cause: error });
        }
        throw isStoreFailure(error) ? explainStoreError(error, place) : error;
      }
      progress.done();
      const line = describeSummary(summary, settings.file);
      if (ctx.stderr.isTty) await ctx.stderr.line(line);
      else ctx.logger.info(line, { ...summary, file: settings.file });
      return EXIT_CODES.ok;
    },
    { onHttpWait: progress.httpWait },
  );
}

/**
 * Whether a sync failed in its store rather than in the connector: the store's own errors are
 * raw (SQLite, file system), and `finish()` wraps its failure in a ConnectorError starting `c1z:`.
 */
function isStoreFailure(error: unknown): boolean {
  return !isConnectorError(error) || error.message.startsWith('c1z: ');
}

/** Refuses `--sync-resource-types` ids the connector does not have, before anything runs. */
function checkResourceTypes(connector: Connector, wanted: readonly string[], binary: string): void {
  const known = connector.resourceSyncers.map((syncer) => syncer.resourceType.id);
  const unknown = wanted.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `${flagHint('sync-resource-types')}: unknown resource type ${unknown.map((id) => `"${id}"`).join(', ')}; ${binary} syncs ${known.join(', ')}`,
    );
  }
}

/** `sync` (also what runs with no command): sync the connector's data into `--file`. */
export const syncCommand: Command = { name: 'sync', summary: COMMAND_SUMMARIES.sync, needsConnectorConfig: true, run: syncIntoFile };
