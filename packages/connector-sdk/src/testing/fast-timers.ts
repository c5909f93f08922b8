/** Timers at least this long (ms) are sped up: retry backoff and rate-limit waits. */
const SHORTEST_SPED_UP_MS = 500;
/** Timers at most this long (ms) are sped up; longer ones (the 300 s HTTP timeout) keep their length. */
const LONGEST_SPED_UP_MS = 60_000;
/** How many times faster a sped-up timer runs. */
export const RETRY_WAIT_SPEED_UP = 50;

/**
 * The delay a test process gives a `setTimeout(…, delay)`: delays from 0.5 s to 60 s divided by
 * {@link RETRY_WAIT_SPEED_UP} (rounded up), any other delay (undici's 499 ms clock tick, the
 * HTTP timeout, non-numbers) unchanged.
 */
export function fastRetryWaitDelay(delay: unknown): unknown {
  return typeof delay === 'number' && delay >= SHORTEST_SPED_UP_MS && delay <= LONGEST_SPED_UP_MS
    ? Math.ceil(delay / RETRY_WAIT_SPEED_UP)
    : delay;
}

/** The part of the global object {@link speedUpRetryWaits} replaces. */
export interface TimerHost {
  setTimeout: typeof globalThis.setTimeout;
}

/**
 * FOR TESTS ONLY. Replaces `host.setTimeout` with one that shortens each delay by
 * {@link fastRetryWaitDelay}; the replacement keeps the original's properties
 * (`setTimeout[promisify.custom]` among them).
 */
export function speedUpRetryWaits(host: TimerHost): void {
  const realSetTimeout = host.setTimeout;
  function fastSetTimeout(callback: (...args: unknown[]) => void, delay?: unknown, ...args: unknown[]): unknown {
    return Reflect.apply(realSetTimeout, host, [callback, fastRetryWaitDelay(delay), ...args]);
  }
  Object.defineProperties(fastSetTimeout, Object.getOwnPropertyDescriptors(realSetTimeout));
  host.setTimeout = fastSetTimeout as typeof globalThis.setTimeout;
}
