import type { SyncStore } from '../c1z/store-types.js';
import type { OperationContext, ResourceSyncer } from '../connector/contract.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { Logger } from '../log/logger.js';
import type { Resource, ResourceType } from '../model/types.js';
import { followRequests } from '../runtime/request-trail.js';
import { SyncAbortedError } from './abort.js';
import { withRetry, type RetryPolicy } from './retry.js';
import type { SyncState } from './state.js';
import { BufferedWriter, iterateFrom } from './store-io.js';
import type { SyncPhase, SyncProgress, SyncTiming } from './types.js';

/** More warnings than this, if they are also over {@link WARNING_SHARE} of actions, fail the sync. */
export const MAX_WARNINGS = 10;
/** The share of completed actions warnings may reach before the sync fails. */
export const WARNING_SHARE = 0.1;
/**
 * Objects buffered before a write to the store: about one page. A page's objects are then
 * written soon after they arrive and die young; buffered longer, they would outlive young-
 * generation collections and be promoted, growing the old generation with garbage.
 */
const WRITE_BATCH = 500;

/** What a {@link RunContext} is made from. */
export interface RunContextInit {
  store: SyncStore;
  syncId: string;
  state: SyncState;
  /** The synced resource types, in the connector's order. */
  types: readonly ResourceType[];
  /** The syncers of the synced types. */
  syncers: ReadonlyMap<string, ResourceSyncer>;
  /** Every type the connector has, synced or not. */
  connectorTypeIds: ReadonlySet<string>;
  workers: number;
  logger: Logger;
  signal: AbortSignal;
  timing: SyncTiming;
  retry: RetryPolicy;
  checkpointIntervalMs: number;
  onProgress?: ((event: SyncProgress) => void) | undefined;
}

/** Everything a phase needs: the store, the position, the connector's syncers and the budgets. */
export class RunContext {
  readonly store: SyncStore;
  readonly syncId: string;
  readonly state: SyncState;
  readonly types: readonly ResourceType[];
  readonly syncers: ReadonlyMap<string, ResourceSyncer>;
  readonly connectorTypeIds: ReadonlySet<string>;
  readonly workers: number;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly writer: BufferedWriter;
  readonly ctx: OperationContext;
  private readonly timing: SyncTiming;
  private readonly retry: RetryPolicy;
  private readonly checkpointIntervalMs: number;
  private readonly onProgress: ((event: SyncProgress) => void) | undefined;
  private lastCheckpointAt: number;
  private progress: SyncProgress = { phase: 'validate', pages: 0, objects: 0 };

  constructor(init: RunContextInit) {
    this.store = init.store;
    this.syncId = init.syncId;
    this.state = init.state;
    this.types = init.types;
    this.syncers = init.syncers;
    this.connectorTypeIds = init.connectorTypeIds;
    this.workers = init.workers;
    this.logger = init.logger;
    this.signal = init.signal;
    this.timing = init.timing;
    this.retry = init.retry;
    this.checkpointIntervalMs = init.checkpointIntervalMs;
    this.onProgress = init.onProgress;
    this.writer = new BufferedWriter(init.store, init.syncId, WRITE_BATCH);
    this.ctx = { signal: init.signal, logger: init.logger, syncId: init.syncId };
    this.lastCheckpointAt = init.timing.now();
  }

  /** The syncer of a synced resource type. */
  syncer(typeId: string): ResourceSyncer {
    const syncer = this.syncers.get(typeId);
    if (!syncer) throw new ConnectorError(`no resource syncer for type "${typeId}"`, { code: 'internal' });
    return syncer;
  }

  /**
   * Calls the connector, retrying outages and rate limits. `signal` (default: the sync's) ends
   * the retry waits early; the per-resource phases pass one that also fires when a sibling
   * worker has failed.
   */
  call<T>(what: string, fn: () => Promise<T>, signal: AbortSignal = this.signal): Promise<T> {
    this.throwIfAborted();
    return withRetry(what, fn, {
      policy: this.retry,
      timing: this.timing,
      signal,
      logger: this.logger,
      onWait: (waitingMs) => {
        this.emit({ ...this.progress, waitingMs });
        return () => this.emit(this.progress);
      },
    });
  }

  /**
   * {@link call} for one page of a listing, also saying which endpoints the successful attempt
   * requested (`GET /users`), so warnings about its records can name them.
   */
  async callPage<T>(
    what: string,
    fn: () => Promise<T>,
    signal: AbortSignal = this.signal,
  ): Promise<{ page: T; endpoints: string | undefined }> {
    let endpoints: string | undefined;
    const page = await this.call(
      what,
      async () => {
        const followed = await followRequests(fn);
        endpoints = followed.endpoints;
        return followed.value;
      },
      signal,
    );
    return { page, endpoints };
  }

  /** Reads stored resources of a type from a position in store order. */
  storedResources(resourceTypeId: string, from: number): Iterator<Resource> & { close(): void } {
    return iterateFrom(this.store.resources({ syncId: this.syncId, resourceTypeId }), from);
  }

  /** Throws the abort error once the signal has fired. */
  throwIfAborted(): void {
    if (this.signal.aborted) throw new SyncAbortedError(this.syncId, { cause: this.signal.reason });
  }

  /**
   * Records a warning that counts toward the budget (a `not-found` on one resource, a record
   * skipped for breaking Baton's limits); fails the sync when warnings pass the budget.
   */
  warning(message: string, fields: Record<string, unknown>): void {
    this.state.warnings++;
    this.logger.warn(message, fields);
    const { warnings, completedActions } = this.state;
    if (warnings > MAX_WARNINGS && warnings > completedActions * WARNING_SHARE) {
      throw new ConnectorError(
        `too many warnings: ${warnings} of ${completedActions} actions failed with not-found or were skipped; last: ${message}`,
        { code: 'internal' },
      );
    }
  }

  /** Starts reporting a new phase. */
  startPhase(phase: SyncPhase): void {
    this.logger.info(`sync phase ${phase}`);
    this.progress = { phase, pages: 0, objects: 0 };
    this.emit(this.progress);
  }

  /** Reports that a resource type is being worked on, keeping the phase's counts. */
  setResourceType(resourceTypeId: string): void {
    this.progress = { ...this.progress, resourceTypeId };
  }

  /** Counts a fetched page and the objects it produced. */
  countPage(objects: number): void {
    this.progress.pages++;
    this.progress.objects += objects;
    this.emit(this.progress);
  }

  /** Counts objects written without a page of their own (stamped or expanded). */
  countObjects(objects: number): void {
    this.progress.objects += objects;
  }

  /** Checkpoints when the interval has passed since the last one. */
  maybeCheckpoint(): void {
    if (this.timing.now() - this.lastCheckpointAt >= this.checkpointIntervalMs) this.checkpoint();
  }

  /** Writes buffered objects and commits them together with the position. */
  checkpoint(): void {
    this.writer.flush();
    this.store.checkpoint(this.syncId, JSON.stringify(this.state));
    this.lastCheckpointAt = this.timing.now();
  }

  private emit(event: SyncProgress): void {
    this.onProgress?.({ ...event });
  }
}
