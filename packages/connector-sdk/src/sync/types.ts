import type { SyncStore } from '../c1z/store-types.js';
import type { Connector } from '../connector/contract.js';
import type { Logger } from '../log/logger.js';

/** The steps of a sync, in the order they run. */
export type SyncPhase =
  'validate' | 'resource-types' | 'resources' | 'static-entitlements' | 'entitlements' | 'grants' | 'expansion' | 'done';

/** A progress report: what the engine is doing and how much it has written in this phase. */
export interface SyncProgress {
  phase: SyncPhase;
  /** Pages fetched from the connector in this phase so far. */
  pages: number;
  /** Objects written to the store in this phase so far. */
  objects: number;
  /** Set while the engine waits before retrying a call (rate limit or outage). */
  waitingMs?: number;
  /** The resource type being worked on, in per-type phases. */
  resourceTypeId?: string;
}

/** The clock and sleep the engine uses; tests pass fakes so nothing really waits. */
export interface SyncTiming {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** How connector calls that fail with `unavailable` / `deadline-exceeded` are retried. */
export interface SyncRetryOptions {
  /** Attempts per call, the first included. Default 3 (each HTTP request is retried too). */
  maxAttempts?: number;
  /** The n-th retry waits n times this. Default 1000. */
  baseDelayMs?: number;
  /** No single wait is longer than this, rate-limit resets included. Default 60000. */
  maxDelayMs?: number;
}

/** What {@link runSync} takes. */
export interface SyncOptions {
  connector: Connector;
  store: SyncStore;
  logger?: Logger;
  /** Aborting checkpoints the sync and makes `runSync` reject with an `AbortError`. */
  signal?: AbortSignal;
  /** Resources whose entitlements or grants are listed at the same time. Default 1. */
  workers?: number;
  /** Only sync these resource types (`--sync-resource-types`). */
  resourceTypeIds?: string[];
  /** Only sync resource types and resources (`--skip-entitlements-and-grants`). */
  skipEntitlementsAndGrants?: boolean;
  /** Leave grant expansion to the reader (C1 expands the grants of a service-mode upload when the task asks). */
  skipExpandGrants?: boolean;
  /** Least time between two checkpoints; phase changes always checkpoint. Default 5000. */
  checkpointIntervalMs?: number;
  onProgress?: (event: SyncProgress) => void;
  retry?: SyncRetryOptions;
  /** Defaults to the real clock; tests inject a fake one. */
  timing?: SyncTiming;
}

/** What a finished sync wrote. */
export interface SyncSummary {
  syncId: string;
  /** The sync continued an unfinished one found in the store. */
  resumed: boolean;
  resourceTypes: number;
  resources: number;
  entitlements: number;
  /** Every grant in the sync, expanded ones included. */
  grants: number;
  /** Grants that grant expansion created (in this run, for a resumed sync). */
  expandedGrants: number;
  /** `not-found` failures on single resources that were logged and skipped. */
  warnings: number;
  durationMs: number;
}
