import { describe, expect, it } from 'vitest';
import type { SyncStore } from '../c1z/store-types.js';
import { runSync } from './engine.js';
import { dumpSync, fakeConnector, fakeTenant, seededRandom, type FakeType } from './fixtures.test-support.js';
import { createMemoryStore } from './memory-store.js';
import type { SyncOptions } from './types.js';
import { fakeClock } from '../testing/fake-clock.js';

/** Lets every settled continuation run, as a process would until it is killed. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

interface KillPlan {
  /** The connector freezes on this call (1-based) and every later one, as a killed process. */
  killAtCall: number;
}

/** Runs a sync that is killed at a call: nothing settles after it, then the store is abandoned. */
async function runKilled(
  tenant: FakeType[],
  store: SyncStore,
  options: Partial<SyncOptions>,
  plan: KillPlan,
): Promise<'killed' | 'finished'> {
  let calls = 0;
  const connector = fakeConnector(tenant, {
    pageSize: options.workers === 1 ? 2 : 3,
    beforeCall: () => {
      if (++calls >= plan.killAtCall) return new Promise<never>(() => {});
    },
  });
  let finished = false;
  void runSync({ connector, store, timing: fakeClock({ start: 0, tickMs: 1 }), ...options }).then(() => {
    finished = true;
  });
  await settle();
  if (finished) return 'finished';
  store.abandon();
  return 'killed';
}

describe('resuming a killed sync', () => {
  it('ends with the same objects as an uninterrupted sync, wherever the kill lands (50 seeds)', async () => {
    let resumedMidway = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const random = seededRandom(seed * 7919);
      const tenant = fakeTenant(seed, 2);
      const workers = 1 + Math.floor(random() * 4);
      const checkpointIntervalMs = [0, 3, 40, 5000][Math.floor(random() * 4)]!;
      const options = { workers, checkpointIntervalMs };

      const reference = createMemoryStore();
      let totalCalls = 0;
      const full = await runSync({
        connector: fakeConnector(tenant, { pageSize: workers === 1 ? 2 : 3, beforeCall: () => void totalCalls++ }),
        store: reference,
        timing: fakeClock({ start: 0, tickMs: 1 }),
        ...options,
      });

      const store = createMemoryStore();
      const kills = 1 + Math.floor(random() * 3);
      let outcome: 'killed' | 'finished' = 'killed';
      for (let k = 0; k < kills && outcome === 'killed'; k++) {
        outcome = await runKilled(tenant, store, options, { killAtCall: 1 + Math.floor(random() * totalCalls) });
      }
      const context = `seed ${seed}, workers ${workers}, interval ${checkpointIntervalMs}`;
      if (outcome === 'killed') {
        const hadUnfinished = store.unfinishedSync() !== undefined;
        let resumedCalls = 0;
        const connector = fakeConnector(tenant, { pageSize: workers === 1 ? 2 : 3, beforeCall: () => void resumedCalls++ });
        const summary = await runSync({ connector, store, timing: fakeClock({ start: 0, tickMs: 1 }), ...options });
        expect(summary.resumed, context).toBe(hadUnfinished);
        if (summary.resumed && resumedCalls < totalCalls * 0.8) resumedMidway++;
      }
      const syncId = store.latestFinishedSync()!.syncId;
      expect(dumpSync(store, syncId), context).toEqual(dumpSync(reference, full.syncId));
      expect(store.syncs().length, context).toBe(1);
    }
    // Most resumes pick up past the start rather than redoing everything.
    expect(resumedMidway).toBeGreaterThan(20);
  });

  it('keeps the checkpoint small: a position, never the objects', async () => {
    const store = createMemoryStore();
    const tokens: string[] = [];
    const checkpoint = store.checkpoint.bind(store);
    store.checkpoint = (syncId, token) => {
      tokens.push(token);
      checkpoint(syncId, token);
    };
    await runSync({
      connector: fakeConnector(fakeTenant(3, 20), { pageSize: 5 }),
      store,
      workers: 4,
      checkpointIntervalMs: 0,
      timing: fakeClock({ start: 0, tickMs: 1 }),
    });
    expect(tokens.length).toBeGreaterThan(100);
    expect(Math.max(...tokens.map((token) => token.length))).toBeLessThan(600);
    expect(tokens.some((token) => token.includes('displayName'))).toBe(false);
  });
});
