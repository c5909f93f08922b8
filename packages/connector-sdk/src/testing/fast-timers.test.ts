import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fastRetryWaitDelay, speedUpRetryWaits, type TimerHost } from './fast-timers.js';

describe('fastRetryWaitDelay', () => {
  it('runs waits from 0.5 s to 60 s fifty times faster and leaves the others alone', () => {
    expect([500, 1_000, 2_525, 60_000].map(fastRetryWaitDelay)).toEqual([10, 20, 51, 1_200]);
    expect([0, 10, 499, 60_001, 300_000, undefined, '1000'].map(fastRetryWaitDelay)).toEqual([
      0,
      10,
      499,
      60_001,
      300_000,
      undefined,
      '1000',
    ]);
  });
});

describe('speedUpRetryWaits', () => {
  it('passes the shortened delay and the extra arguments to the real setTimeout and keeps its properties', () => {
    const calls: unknown[][] = [];
    const realSetTimeout = Object.assign((...args: unknown[]) => calls.push(args), { [promisify.custom]: 'kept' });
    const host = { setTimeout: realSetTimeout } as unknown as TimerHost;
    speedUpRetryWaits(host);
    const callback = (_value?: string): void => {};
    host.setTimeout(callback, 5_000, 'argument');
    host.setTimeout(callback, 300_000);
    expect(calls).toEqual([
      [callback, 100, 'argument'],
      [callback, 300_000],
    ]);
    expect((host.setTimeout as unknown as Record<symbol, unknown>)[promisify.custom]).toBe('kept');
  });
});
