import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpWait } from '../http/index.js';
import type { LogFields, Logger } from '../log/index.js';
import { createProgressReporter } from './progress.js';
import { MemoryStream } from './test-connector.test-support.js';

const RATE_LIMIT: HttpWait = { service: 'ilert', reason: 'rate-limit', waitMs: 41_000, endsAt: 0, endpoint: 'GET /users', status: 429 };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A logger that keeps each info line's message and fields. */
function infoLines(): { logger: Logger; lines: { message: string; fields: LogFields }[] } {
  const lines: { message: string; fields: LogFields }[] = [];
  const logger: Logger = {
    debug() {},
    info: (message, fields) => void lines.push({ message, fields: fields ?? {} }),
    warn() {},
    error() {},
    child: () => logger,
  };
  return { logger, lines };
}

describe('HTTP waits on a terminal', () => {
  it('ticks a countdown on the progress line every second while the wait lasts, then drops it', () => {
    const stderr = new MemoryStream(true);
    const progress = createProgressReporter({ stderr, logger: infoLines().logger });
    progress.update({ phase: 'resources', pages: 2, objects: 200, resourceTypeId: 'user' });
    const ended = progress.httpWait(RATE_LIMIT);
    vi.advanceTimersByTime(3000);
    ended?.();
    const frames = stderr.text.split('\r\x1b[2K').filter(Boolean);
    expect(frames).toEqual([
      'syncing resources · user · 2 pages · 200 objects · 0ms',
      'syncing resources · user · 2 pages · 200 objects · waiting for the ilert rate limit, 41 s left · 0ms',
      'syncing resources · user · 2 pages · 200 objects · waiting for the ilert rate limit, 40 s left · 1.0s',
      'syncing resources · user · 2 pages · 200 objects · waiting for the ilert rate limit, 39 s left · 2.0s',
      'syncing resources · user · 2 pages · 200 objects · waiting for the ilert rate limit, 38 s left · 3.0s',
      'syncing resources · user · 2 pages · 200 objects · 3.0s',
    ]);
    vi.advanceTimersByTime(5000);
    expect(stderr.text.split('\r\x1b[2K').filter(Boolean)).toHaveLength(frames.length); // no ticks after the wait
    progress.done();
  });

  it('shows workers held by one rate limit as one countdown, until the last of them goes on', () => {
    const stderr = new MemoryStream(true);
    const progress = createProgressReporter({ stderr, logger: infoLines().logger });
    progress.update({ phase: 'grants', pages: 0, objects: 0 });
    const first = progress.httpWait({ ...RATE_LIMIT, waitMs: 10_000 });
    const second = progress.httpWait({ ...RATE_LIMIT, waitMs: 20_000 });
    first?.();
    vi.advanceTimersByTime(1000);
    expect(stderr.text.split('\r\x1b[2K').at(-1)).toBe(
      'syncing grants · 0 pages · 0 objects · waiting for the ilert rate limit, 19 s left · 1.0s',
    );
    second?.();
    expect(stderr.text.split('\r\x1b[2K').at(-1)).toBe('syncing grants · 0 pages · 0 objects · 1.0s');
    progress.done();
  });
});

describe("the sync engine's retry waits on a terminal", () => {
  it('tick down while they last and leave the line when they end', () => {
    const stderr = new MemoryStream(true);
    const progress = createProgressReporter({ stderr, logger: infoLines().logger });
    progress.update({ phase: 'grants', pages: 1, objects: 5, waitingMs: 3000 });
    vi.advanceTimersByTime(2000);
    progress.update({ phase: 'grants', pages: 1, objects: 5 }); // the wait is over, within the redraw interval
    vi.advanceTimersByTime(3000);
    expect(stderr.text.split('\r\x1b[2K').filter(Boolean)).toEqual([
      'syncing grants · 1 pages · 5 objects · waiting 3.0s to retry · 0ms',
      'syncing grants · 1 pages · 5 objects · waiting 2.0s to retry · 1.0s',
      'syncing grants · 1 pages · 5 objects · waiting 1.0s to retry · 2.0s',
      'syncing grants · 1 pages · 5 objects · 2.0s',
    ]);
    progress.done();
  });
});

describe('HTTP waits in logs', () => {
  it('logs a wait as it starts and every 10 s while it lasts, with the seconds left', () => {
    const { logger, lines } = infoLines();
    const progress = createProgressReporter({ stderr: new MemoryStream(false), logger });
    const ended = progress.httpWait(RATE_LIMIT);
    vi.advanceTimersByTime(25_000);
    ended?.();
    vi.advanceTimersByTime(30_000);
    expect(lines.map((line) => line.message)).toEqual([
      'waiting for the ilert rate limit, 41 s left',
      'waiting for the ilert rate limit, 31 s left',
      'waiting for the ilert rate limit, 21 s left',
    ]);
    expect(lines[0]?.fields).toEqual({ service: 'ilert', reason: 'rate-limit', secondsLeft: 41, endpoint: 'GET /users', status: 429 });
  });

  it('names backoff after a failure and the client-side limit apart from the API rate limit', () => {
    const { logger, lines } = infoLines();
    const progress = createProgressReporter({ stderr: new MemoryStream(false), logger });
    progress.httpWait({ service: 'Ironclad', reason: 'retry', waitMs: 4200, endsAt: 0, endpoint: 'GET /workflows', status: 503 })?.();
    progress.httpWait({ service: 'Ironclad', reason: 'client-limit', waitMs: 1500, endsAt: 0 })?.();
    expect(lines.map((line) => line.message)).toEqual([
      'waiting to retry Ironclad GET /workflows (503), 5 s left',
      'waiting for the Ironclad client-side rate limit, 2 s left',
    ]);
  });
});
