import type { SyncType } from '../c1z/store-types.js';
import type { Connector, ResourceSyncer } from '../connector/contract.js';
import { ConnectorError } from '../errors/connector-error.js';
import { scopeOperations } from '../runtime/operation-scope.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { SyncAbortedError } from './abort.js';
import { expandGrants } from './phases/expansion.js';
import { syncPerResource } from './phases/per-resource.js';
import { syncResources, syncResourceTypes } from './phases/resources.js';
import { syncStaticEntitlements } from './phases/static-entitlements.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { RunContext } from './run-context.js';
import { enterPhase, initialState, parseState, PHASE_ORDER, type SyncState } from './state.js';
import { realTiming } from './timing.js';
import type { SyncOptions, SyncSummary, SyncTiming } from './types.js';

/** Checkpoint interval when none is given, in milliseconds. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5000;

/**
 * Runs a sync of `connector` into `store`, in Baton's order: validate, resource types,
 * resources (and their children), static entitlements, entitlements, grants, grant expansion.
 * An unfinished sync found in the store is resumed where its last checkpoint left it.
 *
 * On success the sync is ended (`store.endSync`); writing the file (`store.finish()`) and
 * closing the connector are the caller's. On failure the progress so far is checkpointed and
 * the error (a ConnectorError for connector and API failures) is thrown; on abort the error is
 * a {@link SyncAbortedError} (`name === 'AbortError'`) and rerunning resumes the sync.
 */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const { store } = options;
  const connector = scopeOperations(options.connector);
  const timing = options.timing ?? realTiming;
  const startedAt = timing.now();
  const signal = options.signal ?? new AbortController().signal;
  const logger = options.logger ?? silentLogger;
  const retry: RetryPolicy = {
    maxAttempts: options.retry?.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  };
  if (signal.aborted) throw new SyncAbortedError(undefined, { cause: signal.reason });
  const syncers = indexSyncers(connector);

  await validateConnector(connector, options, { signal, logger, timing, retry });
  const requested = {
    skipEntitlementsAndGrants: options.skipEntitlementsAndGrants ?? false,
    ...(options.resourceTypeIds?.length ? { resourceTypeIds: options.resourceTypeIds } : {}),
  };
  const { syncId, state, selected, unfinished } = openSync(store, requested, syncers, logger);

  const run = new RunContext({
    store,
    syncId,
    state,
    types: selected.map((syncer) => syncer.resourceType),
    syncers: new Map(selected.map((syncer) => [syncer.resourceType.id, syncer])),
    connectorTypeIds: new Set(syncers.keys()),
    workers: Math.max(1, Math.floor(options.workers ?? 1)),
    logger: logger.child({ syncId }),
    signal,
    timing,
    retry,
    checkpointIntervalMs: options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
    onProgress: options.onProgress,
  });

  try {
    run.checkpoint();
    await runPhases(run, options.skipExpandGrants === true);
  } catch (error) {
    checkpointAfterFailure(run);
    if (signal.aborted) {
      throw error instanceof SyncAbortedError ? error : new SyncAbortedError(syncId, { cause: error });
    }
    throw error;
  }

  const stats = store.stats(syncId);
  store.endSync(syncId);
  const summary: SyncSummary = {
    syncId,
    resumed: unfinished !== undefined,
    resourceTypes: stats.resourceTypes,
    resources: Object.values(stats.resources).reduce((sum, count) => sum + count, 0),
    entitlements: stats.entitlements,
    grants: stats.grants,
    expandedGrants: state.expandedGrants,
    warnings: state.warnings,
    durationMs: timing.now() - startedAt,
  };
  run.logger.info('sync finished', { ...summary });
  return summary;
}

/** What the first steps of a sync share. */
interface SyncBasics {
  signal: AbortSignal;
  logger: Logger;
  timing: SyncTiming;
  retry: RetryPolicy;
}

/** Runs the connector's `validate`, retried like any call; an abort becomes a SyncAbortedError. */
async function validateConnector(connector: Connector, options: SyncOptions, basics: SyncBasics): Promise<void> {
  const { signal, logger, timing, retry } = basics;
  options.onProgress?.({ phase: 'validate', pages: 0, objects: 0 });
  try {
    await withRetry('validate', () => connector.validate({ signal, logger }), {
      policy: retry,
      timing,
      signal,
      logger,
      onWait: (waitingMs) => {
        options.onProgress?.({ phase: 'validate', pages: 0, objects: 0, waitingMs });
        return () => options.onProgress?.({ phase: 'validate', pages: 0, objects: 0 });
      },
    });
  } catch (error) {
    if (signal.aborted) throw new SyncAbortedError(undefined, { cause: error });
    throw error;
  }
}

/** Resumes the unfinished sync in the store (with the options it started with), or starts one. */
function openSync(
  store: SyncOptions['store'],
  requested: { skipEntitlementsAndGrants: boolean; resourceTypeIds?: string[] },
  syncers: Map<string, ResourceSyncer>,
  logger: Logger,
): { syncId: string; state: SyncState; selected: ResourceSyncer[]; unfinished: unknown } {
  const unfinished = store.unfinishedSync();
  if (unfinished) {
    const state = parseState(unfinished.syncToken) ?? initialState(requested);
    const saved = { resourceTypeIds: state.resourceTypeIds, skip: state.skipEntitlementsAndGrants };
    if (
      JSON.stringify(saved) !== JSON.stringify({ resourceTypeIds: requested.resourceTypeIds, skip: requested.skipEntitlementsAndGrants })
    ) {
      logger.warn('resuming an unfinished sync with the options it was started with', { syncId: unfinished.syncId, ...saved });
    }
    logger.info('resuming unfinished sync', { syncId: unfinished.syncId, phase: state.phase });
    return { syncId: unfinished.syncId, state, selected: selectTypes(syncers, state.resourceTypeIds), unfinished };
  }
  const state = initialState(requested);
  const type: SyncType = state.skipEntitlementsAndGrants ? 'resources_only' : 'full';
  const syncId = store.startSync(type);
  logger.info('sync started', { syncId, type });
  return { syncId, state, selected: selectTypes(syncers, state.resourceTypeIds), unfinished: undefined };
}

async function runPhases(run: RunContext, skipExpansion: boolean): Promise<void> {
  const { state } = run;
  while (state.phase !== 'done') {
    switch (state.phase) {
      case 'resource-types':
        syncResourceTypes(run);
        break;
      case 'resources':
        await syncResources(run);
        break;
      case 'static-entitlements':
        await syncStaticEntitlements(run);
        break;
      case 'entitlements':
      case 'grants':
        await syncPerResource(run, state.phase);
        break;
      case 'expansion':
        if (!skipExpansion) await expandGrants(run);
        break;
    }
    run.throwIfAborted();
    const next =
      state.phase === 'resources' && state.skipEntitlementsAndGrants ? 'done' : PHASE_ORDER[PHASE_ORDER.indexOf(state.phase) + 1]!;
    enterPhase(state, next);
    run.checkpoint();
  }
  run.startPhase('done');
}

/** Keeps what was done before a failure; a failure to do so must not hide the first error. */
function checkpointAfterFailure(run: RunContext): void {
  try {
    run.checkpoint();
  } catch (error) {
    run.logger.error('could not checkpoint the sync after it failed', { error: error instanceof Error ? error.message : String(error) });
  }
}

function indexSyncers(connector: Connector): Map<string, ResourceSyncer> {
  const syncers = new Map<string, ResourceSyncer>();
  for (const syncer of connector.resourceSyncers) {
    const id = syncer.resourceType.id;
    if (syncers.has(id)) {
      throw new ConnectorError(`the connector has two resource syncers for type "${id}"`, { code: 'internal' });
    }
    syncers.set(id, syncer);
  }
  return syncers;
}

/** The syncers of the requested types, in the connector's order; unknown ids are an error. */
function selectTypes(syncers: Map<string, ResourceSyncer>, resourceTypeIds: readonly string[] | undefined): ResourceSyncer[] {
  if (!resourceTypeIds || resourceTypeIds.length === 0) return [...syncers.values()];
  const unknown = resourceTypeIds.filter((id) => !syncers.has(id));
  if (unknown.length > 0) {
    throw new ConnectorError(
      `unknown resource type${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')}; valid types: ${[...syncers.keys()].join(', ')}`,
      { code: 'invalid-argument' },
    );
  }
  const wanted = new Set(resourceTypeIds);
  return [...syncers.values()].filter((syncer) => wanted.has(syncer.resourceType.id));
}
