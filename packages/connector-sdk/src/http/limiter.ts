import type { Timing } from './timing.js';
import type { ClientRateLimit } from './types.js';

/** Hears of a limiter wait before it starts; may return a function called when it ends. */
export type LimiterSleepObserver = (ms: number, paused: boolean) => (() => void) | void;

/**
 * Spaces requests so the API never has to answer 429: a sliding window that lets at most
 * `requests` requests start in any `intervalMs`, and a pause, set when the API reports nothing
 * remaining, that holds every request until the window resets. Slots are reserved in call
 * order, so concurrent callers queue fairly.
 */
export class RequestLimiter {
  readonly #limit: ClientRateLimit | undefined;
  readonly #timing: Timing;
  /** Start times of the most recent reserved slots, oldest first, at most `limit.requests`. */
  #starts: number[] = [];
  #pausedUntil = 0;

  constructor(limit: ClientRateLimit | undefined, timing: Timing) {
    if (limit && (!(limit.requests >= 1) || !(limit.intervalMs > 0))) {
      throw new RangeError('rateLimit needs requests >= 1 and intervalMs > 0');
    }
    this.#limit = limit;
    this.#timing = timing;
  }

  /** Holds every request until `time` (epoch ms); an earlier pause is never shortened. */
  pauseUntil(time: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, time);
  }

  /**
   * Waits for a slot; resolves with the milliseconds waited. Rejects when `signal` aborts.
   * A slot reserved before a pause is given up when the pause holds its caller: after the
   * pause the caller reserves a fresh one, so queued requests do not all start at its end.
   * A caller that slept out a pause is not held by it again, even if the clock lags its timers.
   * `onSleep` hears of each wait before it starts (`paused`: held by a pause the API asked for,
   * not by the window) and may return a function called when that wait ends. `pauseOnly`
   * waits out a pause without taking a slot of the window (a request outside the API's budget).
   */
  async acquire(signal?: AbortSignal, onSleep?: LimiterSleepObserver, pauseOnly = false): Promise<number> {
    const started = this.#timing.now();
    const needsSlot = this.#limit !== undefined && !pauseOnly;
    let slotTaken = !needsSlot;
    let pauseServed = 0;
    for (;;) {
      const now = this.#timing.now();
      const pausedUntil = this.#pausedUntil;
      if (pausedUntil > now && pausedUntil > pauseServed) {
        await this.#sleep(pausedUntil - now, true, signal, onSleep);
        pauseServed = pausedUntil;
        slotTaken = !needsSlot;
        continue;
      }
      if (slotTaken) return this.#timing.now() - started;
      const slot = this.#reserve(now);
      slotTaken = true;
      if (slot > now) await this.#sleep(slot - now, false, signal, onSleep);
    }
  }

  async #sleep(ms: number, paused: boolean, signal: AbortSignal | undefined, onSleep: LimiterSleepObserver | undefined): Promise<void> {
    const ended = onSleep?.(ms, paused);
    try {
      await this.#timing.sleep(ms, signal);
    } finally {
      ended?.();
    }
  }

  #reserve(now: number): number {
    const { requests, intervalMs } = this.#limit as ClientRateLimit;
    const oldest = this.#starts.length >= requests ? this.#starts[this.#starts.length - requests] : undefined;
    const slot = oldest === undefined ? now : Math.max(now, oldest + intervalMs);
    this.#starts.push(slot);
    if (this.#starts.length > requests) this.#starts.splice(0, this.#starts.length - requests);
    return slot;
  }
}
