/** A clock in epoch milliseconds; injectable so tests can move time. */
export type Clock = () => number;

/**
 * A fixed-window limiter: at most `limit` requests per key in each window of `windowMs` aligned
 * to the epoch (so a one-minute window resets on the minute, as ilert describes its API-key limit).
 */
export class FixedWindowRateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: Clock,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate limit must be a positive integer, got ${limit}`);
  }

  /** Counts one request for `key`; false when the key is over its limit in the current window. */
  tryTake(key: string): boolean {
    const start = Math.floor(this.now() / this.windowMs) * this.windowMs;
    const window = this.#windows.get(key);
    if (window === undefined || window.start !== start) {
      this.#windows.set(key, { start, count: 1 });
      return true;
    }
    if (window.count >= this.limit) return false;
    window.count += 1;
    return true;
  }
}
