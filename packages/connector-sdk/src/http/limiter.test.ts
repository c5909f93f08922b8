import { describe, expect, it } from 'vitest';
import { RequestLimiter } from './limiter.js';
import { fakeClock } from '../testing/fake-clock.js';

describe('RequestLimiter', () => {
  it('lets at most `requests` requests start in any window', async () => {
    const clock = fakeClock({ start: 0 });
    const limiter = new RequestLimiter({ requests: 3, intervalMs: 1000 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('queues concurrent callers in call order', async () => {
    const clock = fakeClock({ start: 0 });
    const limiter = new RequestLimiter({ requests: 1, intervalMs: 500 }, clock);
    const waits = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(waits[0]).toBe(0);
    // The fake clock moves on every sleep: the third caller's slot is at 1000.
    expect(clock.sleeps).toEqual([500, 500]);
    expect(clock.now()).toBe(1000);
  });

  it('holds requests during a pause even without a configured rate', async () => {
    const clock = fakeClock({ start: 0 });
    const limiter = new RequestLimiter(undefined, clock);
    limiter.pauseUntil(2500);
    expect(await limiter.acquire()).toBe(2500);
    expect(await limiter.acquire()).toBe(0);
  });

  it('keeps to the rate after a pause instead of releasing every queued request at once', async () => {
    const clock = fakeClock({ start: 0, sleeps: 'parked' });
    const limiter = new RequestLimiter({ requests: 10, intervalMs: 60_000 }, clock);
    const starts: number[] = [];
    const all = Array.from({ length: 40 }, () => limiter.acquire().then(() => starts.push(clock.now())));
    await new Promise((resolve) => setImmediate(resolve));
    // The first ten went out; one answer says nothing remains until 150 s from now.
    limiter.pauseUntil(150_000);
    await clock.run();
    await Promise.all(all);
    expect(starts).toHaveLength(40);
    expect(starts.filter((at) => at === 0)).toHaveLength(10);
    expect(starts.filter((at) => at > 0 && at < 150_000)).toEqual([]);
    const busiest = Math.max(...starts.map((from) => starts.filter((at) => at >= from && at < from + 60_000).length));
    expect(busiest).toBe(10);
  });

  it('sleeps out a pause once, even when the clock lags its timers', async () => {
    let now = 0;
    const sleeps: number[] = [];
    // Timers that fire fifty times early, as a test preload that speeds up setTimeout makes them.
    const lagging = { now: () => now, random: () => 0.5, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms / 50)) };
    const limiter = new RequestLimiter({ requests: 100, intervalMs: 60_000 }, lagging);
    limiter.pauseUntil(20_000);
    await limiter.acquire();
    expect(sleeps).toEqual([20_000]);
    // A longer pause holds the next caller once more, for as long as the clock says is left.
    limiter.pauseUntil(30_000);
    await limiter.acquire();
    expect(sleeps).toEqual([20_000, 30_000 - 400]);
  });

  it('rejects a nonsensical rate', () => {
    expect(() => new RequestLimiter({ requests: 0, intervalMs: 1000 }, fakeClock())).toThrow(RangeError);
  });
});
