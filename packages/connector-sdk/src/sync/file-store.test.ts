import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openC1zReader, openSyncStore } from '../c1z/index.js';
import type { C1zReader } from '../c1z/store-types.js';
import { runSync } from './engine.js';
import { dumpSync, fakeConnector, fakeTenant, seededRandom, type FakeType } from './fixtures.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { fakeClock } from '../testing/fake-clock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sync-file-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Syncs `tenant` into a new c1z file without interruption and returns the file's reader. */
async function uninterrupted(tenant: FakeType[], path: string, workers: number): Promise<C1zReader> {
  const store = await openSyncStore(path);
  await runSync({ connector: fakeConnector(tenant), store, workers, timing: fakeClock({ start: 0, tickMs: 1 }) });
  await store.finish();
  return openC1zReader(path);
}

describe('runSync with the c1z file store', () => {
  it('writes a c1z file holding what the memory store holds', async () => {
    const tenant = fakeTenant(21, 2);
    const path = join(dir, 'sync.c1z');
    const reader = await uninterrupted(tenant, path, 3);
    const memory = createMemoryStore();
    const expected = await runSync({ connector: fakeConnector(tenant), store: memory, timing: fakeClock({ start: 0, tickMs: 1 }) });
    try {
      const syncId = reader.latestFinishedSync()!.syncId;
      expect(reader.stats(syncId)).toEqual(memory.stats(expected.syncId));
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      reader.close();
    }
  });

  it('resumes after a kill and writes the same objects as an uninterrupted sync', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const random = seededRandom(seed * 104729);
      const tenant = fakeTenant(seed, 2);
      const workers = 1 + Math.floor(random() * 4);
      const checkpointIntervalMs = [0, 5, 5000][Math.floor(random() * 3)]!;
      const reference = await uninterrupted(tenant, join(dir, `reference-${seed}.c1z`), workers);
      let totalCalls = 0;
      await runSync({
        connector: fakeConnector(tenant, { beforeCall: () => void totalCalls++ }),
        store: createMemoryStore(),
        timing: fakeClock({ start: 0, tickMs: 1 }),
      });

      const path = join(dir, `killed-${seed}.c1z`);
      const killAt = 1 + Math.floor(random() * totalCalls);
      let calls = 0;
      const doomed = await openSyncStore(path);
      let finished = false;
      void runSync({
        connector: fakeConnector(tenant, {
          beforeCall: () => {
            if (++calls >= killAt) return new Promise<never>(() => {});
          },
        }),
        store: doomed,
        workers,
        checkpointIntervalMs,
        timing: fakeClock({ start: 0, tickMs: 1 }),
      }).then(() => {
        finished = true;
      });
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      const context = `seed ${seed}, kill at call ${killAt} of ${totalCalls}, workers ${workers}, interval ${checkpointIntervalMs}`;
      expect(finished, context).toBe(false);
      doomed.abandon(); // the connection goes away without a commit, as with SIGKILL

      const store = await openSyncStore(path);
      const summary = await runSync({
        connector: fakeConnector(tenant),
        store,
        workers,
        checkpointIntervalMs,
        timing: fakeClock({ start: 0, tickMs: 1 }),
      });
      await store.finish();
      const result = await openC1zReader(path);
      try {
        expect(result.syncs(), context).toHaveLength(1);
        const expectedId = reference.latestFinishedSync()!.syncId;
        expect(dumpSync(result, summary.syncId), context).toEqual(dumpSync(reference, expectedId));
      } finally {
        result.close();
        reference.close();
      }
    }
  });
});
