import { describe, expect, it } from 'vitest';
import { heartbeatIntervalMs, helloRetryMs, nextPollMs, pollRetryMs } from './timing.js';

const seconds = (n: number) => ({ seconds: BigInt(n), nanos: 0 }) as never;

describe('service-mode timing, as baton-sdk', () => {
  it('waits next_poll clamped to [0, 5 min]; none means poll again at once', () => {
    expect(nextPollMs(undefined)).toBe(0);
    expect(nextPollMs(seconds(3))).toBe(3000);
    expect(nextPollMs(seconds(3600))).toBe(300_000);
  });

  it('heartbeats at next_heartbeat clamped to [1 s, 5 min]; 0 or none means 30 s', () => {
    expect(heartbeatIntervalMs(undefined)).toBe(30_000);
    expect(heartbeatIntervalMs(seconds(0))).toBe(30_000);
    expect(heartbeatIntervalMs({ seconds: 0n, nanos: 200_000_000 } as never)).toBe(1000);
    expect(heartbeatIntervalMs(seconds(600))).toBe(300_000);
  });

  it('retries Hello from 1 s doubling to 5 min, and polls after errors² seconds up to 1 min', () => {
    expect([1, 2, 3, 4, 9, 10, 20].map(helloRetryMs)).toEqual([1000, 2000, 4000, 8000, 256_000, 300_000, 300_000]);
    expect([1, 2, 3, 7, 8, 50].map(pollRetryMs)).toEqual([1000, 4000, 9000, 49_000, 60_000, 60_000]);
  });
});
