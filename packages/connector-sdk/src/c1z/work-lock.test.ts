import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSyncStore } from './open.js';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'c1z-lock-'));
  path = join(dir, 'sync.c1z');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A pid no process has: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

describe('takeover of a stale lock left half done', () => {
  it('waits for a takeover under way, then names the guard to remove when it never settles', async () => {
    writeFileSync(`${path}.lock`, `${deadPid()}\n`);
    writeFileSync(`${path}.lock.takeover`, `${deadPid()}\n`);
    const started = Date.now();
    await expect(openSyncStore(path)).rejects.toMatchObject({
      code: 'failed-precondition',
      message: `another sync is taking over the stale lock ${path}.lock; if no sync is running, remove ${path}.lock.takeover`,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(existsSync(`${path}.lock`)).toBe(true);
  });

  it('clears a guard left by a taker killed long ago and takes the lock over', async () => {
    writeFileSync(`${path}.lock`, `${deadPid()}\n`);
    writeFileSync(`${path}.lock.takeover`, `${deadPid()}\n`);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock.takeover`, longAgo, longAgo);
    const store = await openSyncStore(path);
    expect(readFileSync(`${path}.lock`, 'utf8').trim()).toBe(String(process.pid));
    expect(existsSync(`${path}.lock.takeover`)).toBe(false);
    store.abandon();
  });
});
