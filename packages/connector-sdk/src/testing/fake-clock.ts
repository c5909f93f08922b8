import type { Timing } from '../http/timing.js';

/** What {@link fakeClock} takes. */
export interface FakeClockOptions {
  /** The time it starts at, in ms since the epoch. Default 2026-01-01T00:00:00Z. */
  start?: number;
  /** What `random()` returns (jitter). Default 0.5. */
  random?: number;
  /** How far each `now()` moves the time on, for code that needs time to pass between reads. Default 0. */
  tickMs?: number;
  /**
   * `'instant'` (default): a sleep moves the time on at once and resolves. `'parked'`: a sleep
   * waits until {@link FakeClock.run} moves the time to its wake-up, so concurrent sleepers wake
   * in time order however many wait at once.
   */
  sleeps?: 'instant' | 'parked';
}

/**
 * A clock for tests of waits, usable wherever the SDK takes a `Timing` (the HTTP client, the
 * sync engine): time only moves when slept on, advanced or ticked, and every sleep is recorded.
 */
export interface FakeClock extends Timing {
  /** Every sleep asked for, in ms, in the order asked. */
  readonly sleeps: number[];
  /** Moves the time on by `ms`. */
  advance(ms: number): void;
  /** With `sleeps: 'parked'`: wakes every parked sleeper in time order, and those they park in turn, until none is left. */
  run(): Promise<void>;
}

interface ParkedSleep {
  at: number;
  wake: () => void;
}

const DEFAULT_START = Date.UTC(2026, 0, 1);

/** Lets pending promise callbacks and I/O callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A {@link FakeClock}: time stands still until a sleep, `advance` or (with `tickMs`) a read moves it. */
export function fakeClock(options: FakeClockOptions = {}): FakeClock {
  let now = options.start ?? DEFAULT_START;
  const tickMs = options.tickMs ?? 0;
  const sleeps: number[] = [];
  const parked: ParkedSleep[] = [];
  const instant = (options.sleeps ?? 'instant') === 'instant';
  return {
    sleeps,
    now: () => {
      now += tickMs;
      return now;
    },
    random: () => options.random ?? 0.5,
    advance(ms) {
      now += ms;
    },
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      sleeps.push(ms);
      if (!instant) return new Promise<void>((wake) => parked.push({ at: now + Math.max(0, ms), wake }));
      now += ms;
      return Promise.resolve();
    },
    async run() {
      for (await settle(); parked.length > 0; await settle()) {
        parked.sort((a, b) => a.at - b.at);
        const next = parked.shift() as ParkedSleep;
        now = Math.max(now, next.at);
        next.wake();
      }
    },
  };
}
