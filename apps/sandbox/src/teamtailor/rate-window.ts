import type { Clock } from '../core/rate-limiter.js';

/** What one request learnt from {@link RateWindow.take}: the `X-Rate-Limit-*` values to send. */
export interface RateWindowState {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Whole seconds until the window resets (at least 1 while the window is open). */
  readonly resetSeconds: number;
}

/**
 * A fixed-window limit per API key, epoch-aligned, that also reports what is left, as Teamtailor's
 * `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (seconds) headers do.
 */
export class RateWindow {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: Clock,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate limit must be a positive integer, got ${limit}`);
    if (!Number.isInteger(windowMs) || windowMs < 1000) throw new RangeError(`rate window must be at least 1000 ms, got ${windowMs}`);
  }

  /** Counts one request for `key` (unless it is over the limit) and reports the window. */
  take(key: string): RateWindowState {
    const now = this.now();
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    let window = this.#windows.get(key);
    if (window === undefined || window.start !== start) {
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    const allowed = window.count < this.limit;
    if (allowed) window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    return { allowed, limit: this.limit, remaining: this.limit - window.count, resetSeconds };
  }
}
