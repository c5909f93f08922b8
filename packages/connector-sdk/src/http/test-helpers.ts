import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from 'undici';
import type { LogFields, Logger } from '../log/logger.js';
import type { Timing } from './timing.js';

/** A clock that only moves when slept on; records every sleep. For this module's tests. */
export function fakeTiming(start = Date.UTC(2026, 0, 1)): { timing: Timing; sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance(ms) {
      now += ms;
    },
    timing: {
      now: () => now,
      random: () => 0.5,
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}

/**
 * A clock for concurrent sleepers: `sleep` parks until `run` moves time to its wake-up, so
 * sleepers wake in time order however many wait at once. For this module's tests.
 */
export function virtualClock(start = 0): { timing: Timing; run(): Promise<void> } {
  let now = start;
  const parked: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    timing: {
      now: () => now,
      random: () => 0.5,
      sleep: (ms) => new Promise<void>((wake) => parked.push({ at: now + Math.max(0, ms), wake })),
    },
    async run() {
      for (await settle(); parked.length > 0; await settle()) {
        parked.sort((a, b) => a.at - b.at);
        const next = parked.shift() as { at: number; wake: () => void };
        now = Math.max(now, next.at);
        next.wake();
      }
    },
  };
}

/** Installs a MockAgent with net connect disabled as undici's global dispatcher. */
export function installMock(): { agent: MockAgent; restore(): Promise<void> } {
  const previous: Dispatcher = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  return {
    agent,
    async restore() {
      setGlobalDispatcher(previous);
      await agent.close();
    },
  };
}

/** A logger that keeps every line. */
export function memoryLogger(): { logger: Logger; lines: { level: string; message: string; fields?: LogFields }[] } {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const make = (base: LogFields): Logger => {
    const at =
      (level: string) =>
      (message: string, fields?: LogFields): void => {
        lines.push({ level, message, fields: { ...base, ...fields } });
      };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (f) => make({ ...base, ...f }) };
  };
  return { logger: make({}), lines };
}

/** JSON reply headers for MockAgent. */
export const JSON_HEADERS = { 'content-type': 'application/json' };
