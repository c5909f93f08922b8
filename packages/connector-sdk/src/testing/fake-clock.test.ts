import { describe, expect, it } from 'vitest';
import { RequestLimiter } from '../http/limiter.js';
import { fakeClock } from './fake-clock.js';

describe('fakeClock', () => {
  it('stands still until slept on or advanced, and records every sleep', async () => {
    const clock = fakeClock({ start: 1_000 });
    expect(clock.now()).toBe(1_000);
    await clock.sleep(250);
    clock.advance(50);
    await clock.sleep(0);
    expect(clock.now()).toBe(1_300);
    expect(clock.sleeps).toEqual([250, 0]);
    expect(clock.random()).toBe(0.5);
  });

  it('refuses a sleep whose signal already aborted, without recording it', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(clock.sleep(10, controller.signal)).rejects.toThrow('stopped');
    expect(clock.sleeps).toEqual([]);
  });

  it('moves on by tickMs at each read', () => {
    const clock = fakeClock({ start: 0, tickMs: 1 });
    expect([clock.now(), clock.now(), clock.now()]).toEqual([1, 2, 3]);
  });

  it('with parked sleeps, wakes concurrent sleepers in time order when run', async () => {
    const clock = fakeClock({ start: 0, sleeps: 'parked' });
    const woke: [string, number][] = [];
    const sleeper = async (name: string, ms: number) => {
      await clock.sleep(ms);
      woke.push([name, clock.now()]);
    };
    const all = Promise.all([sleeper('late', 300), sleeper('early', 100), sleeper('middle', 200)]);
    expect(woke).toEqual([]);
    await clock.run();
    await all;
    expect(woke).toEqual([
      ['early', 100],
      ['middle', 200],
      ['late', 300],
    ]);
  });

  it('paces the HTTP rate limiter as real time would', async () => {
    const clock = fakeClock({ start: 0 });
    const limiter = new RequestLimiter({ requests: 1, intervalMs: 500 }, clock);
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(clock.now()).toBe(1_000);
  });
});
