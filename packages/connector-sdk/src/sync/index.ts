export { SyncAbortedError } from './abort.js';
export { DEFAULT_CHECKPOINT_INTERVAL_MS, runSync } from './engine.js';
export { createMemoryStore } from './memory-store.js';
export { MAX_EXPANSION_DEPTH } from './phases/expansion.js';
export { SYNC_NODE_FLAGS } from './node-flags.js';
export { DEFAULT_RETRY, retryDelayMs } from './retry.js';
export type { RetryPolicy } from './retry.js';
export { MAX_WARNINGS, WARNING_SHARE } from './run-context.js';
export type { SyncOptions, SyncPhase, SyncProgress, SyncRetryOptions, SyncSummary, SyncTiming } from './types.js';
