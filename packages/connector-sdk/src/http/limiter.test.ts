import { describe, expect, it } from 'vitest';
import { RequestLimiter } from './limiter.js';
import { fakeTiming } from './test-helpers.js';

describe('RequestLimiter', () => {
  it('lets at most `requests` requests start in any window', async () => {
    const clock = fakeTiming(0);
    const limiter = new RequestLimiter({ requests: 3, intervalMs: 1000 }, clock.timing);
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire();
      starts.push(clock.timing.now());
    }
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('queues concurrent callers in call order', async () => {
    const clock = fakeTiming(0);
    const limiter = new RequestLimiter({ requests: 1, intervalMs: 500 }, clock.timing);
    const waits = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(waits[0]).toBe(0);
    // The fake clock moves on every sleep: the third caller's slot is at 1000.
    expect(clock.sleeps).toEqual([500, 500]);
    expect(clock.timing.now()).toBe(1000);
  });

  it('holds requests during a pause even without a configured rate', async () => {
    const clock = fakeTiming(0);
    const limiter = new RequestLimiter(undefined, clock.timing);
    limiter.pauseUntil(2500);
    expect(await limiter.acquire()).toBe(2500);
    expect(await limiter.acquire()).toBe(0);
  });

  it('rejects a nonsensical rate', () => {
    expect(() => new RequestLimiter({ requests: 0, intervalMs: 1000 }, fakeTiming().timing)).toThrow(RangeError);
  });
});
