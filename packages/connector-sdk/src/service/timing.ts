import type { Duration } from '@bufbuild/protobuf/wkt';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Longest wait C1 may ask for between polls or heartbeats, as baton-sdk clamps it. */
export const MAX_INTERVAL_MS = 5 * MINUTE;
/** Heartbeat interval when C1 names none. */
export const DEFAULT_HEARTBEAT_MS = 30 * SECOND;
/** Failed heartbeats in a row (counting the first attempt) that cancel a running sync. */
export const MAX_HEARTBEAT_FAILURES = 10;

/** A protobuf Duration in milliseconds; a missing one is 0. */
export function durationMs(duration: Duration | undefined): number {
  if (!duration) return 0;
  return Number(duration.seconds) * SECOND + Math.floor(duration.nanos / 1e6);
}

/** The wait before the next GetTask: C1's `next_poll`, clamped to [0, 5 min]. */
export function nextPollMs(duration: Duration | undefined): number {
  return Math.min(Math.max(durationMs(duration), 0), MAX_INTERVAL_MS);
}

/** The heartbeat interval: C1's `next_heartbeat` clamped to [1 s, 5 min]; 0 or missing is 30 s. */
export function heartbeatIntervalMs(duration: Duration | undefined): number {
  const ms = durationMs(duration);
  if (ms <= 0) return DEFAULT_HEARTBEAT_MS;
  return Math.min(Math.max(ms, SECOND), MAX_INTERVAL_MS);
}

/** The wait before Hello attempt `attempt + 1` after `attempt` failures: 1 s doubling, at most 5 min. */
export function helloRetryMs(attempt: number): number {
  return Math.min(SECOND * 2 ** Math.max(attempt - 1, 0), MAX_INTERVAL_MS);
}

/** The wait after `errors` failed polls in a row: errors² seconds, at most one minute. */
export function pollRetryMs(errors: number): number {
  return Math.min(errors * errors * SECOND, MINUTE);
}

/** Waits `ms`, or less when `signal` aborts first (then it resolves, it does not reject). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** {@link Sleep} on the real clock. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
