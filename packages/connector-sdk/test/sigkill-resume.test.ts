/**
 * A sync killed with SIGKILL at a random moment resumes on the next run, the file at --file is
 * never broken meanwhile, and the finished file holds exactly what an uninterrupted sync writes.
 * The child runs the built SDK (dist/), which the test task builds first.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openC1zReader } from '../src/c1z/index.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'kill-sync-child.mjs');
const workDirs: string[] = [];

afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'c1z-kill-'));
  workDirs.push(dir);
  return join(dir, 'sync.c1z');
}

/** Runs the child to the end; fails the test if it does not finish cleanly. */
async function syncToEnd(file: string): Promise<void> {
  const proc = spawn(process.execPath, [child, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(proc, 'exit');
  expect(stderr).toBe('');
  expect(code).toBe(0);
}

/** Starts the child and SIGKILLs it after `delayMs`; resolves whether it had already finished. */
async function syncAndKill(file: string, delayMs: number): Promise<boolean> {
  const proc = spawn(process.execPath, [child, file], { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), delayMs);
  await once(proc, 'exit');
  clearTimeout(timer);
  return output.includes('done');
}

/** Every object of the file's latest finished full sync, as comparable JSON. */
async function latestContent(file: string): Promise<{ syncCount: number; content: string }> {
  const reader = await openC1zReader(file);
  try {
    const sync = reader.latestFinishedSync('full');
    if (!sync) throw new Error(`${file} holds no finished sync`);
    const syncId = sync.syncId;
    // The store lists objects in the order they were written, which a resume can change.
    const content = JSON.stringify({
      resourceTypes: sortedBy(reader.resourceTypes(syncId), (t) => t.id),
      resources: sortedBy([...reader.resources({ syncId })], (r) => `${r.id.resourceType}:${r.id.resource}`),
      entitlements: sortedBy([...reader.entitlements({ syncId })], (e) => e.id),
      grants: sortedBy([...reader.grants({ syncId })], (g) => g.id),
    });
    return { syncCount: reader.syncs().filter((s) => s.endedAt).length, content };
  } finally {
    reader.close();
  }
}

function sortedBy<T>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A small deterministic generator, so a failure can be replayed from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('SIGKILL during a sync', () => {
  it('resumes to the same content, and the previous file survives every kill', async () => {
    const reference = tempFile();
    await syncToEnd(reference);
    const expected = (await latestContent(reference)).content;
    expect(expected.length).toBeGreaterThan(1000);

    const runs = 8;
    for (let seed = 1; seed <= runs; seed += 1) {
      const random = seededRandom(seed);
      const file = tempFile();
      await syncToEnd(file);
      const kills = 1 + Math.floor(random() * 3);
      let finishedEarly = false;
      let syncsAfterKill = 1;
      for (let k = 0; k < kills && !finishedEarly; k += 1) {
        finishedEarly = await syncAndKill(file, 150 + Math.floor(random() * 900));
        // Whatever moment the kill hit, --file is a complete, readable c1z with the same content.
        const afterKill = await latestContent(file);
        expect(afterKill.content, `seed ${seed}, kill ${k + 1}`).toBe(expected);
        syncsAfterKill = afterKill.syncCount;
      }
      // Normally the next run resumes the killed sync and the file gains one sync. A kill that
      // lands after the sync ended but before clean-up leaves that ended sync in the working
      // state (or already in the file); the next run keeps it and adds its own.
      const expectedSyncs = finishedEarly ? [syncsAfterKill] : [syncsAfterKill + 1, syncsAfterKill + 2];
      if (!finishedEarly) await syncToEnd(file);
      const final = await latestContent(file);
      expect(final.content, `seed ${seed}`).toBe(expected);
      expect(expectedSyncs, `seed ${seed}: previous syncs kept`).toContain(final.syncCount);
      expect(existsSync(`${file}.work`), `seed ${seed}: working state removed`).toBe(false);
    }
  }, 180_000);
});
