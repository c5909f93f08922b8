/**
 * Several processes opening the same output file at the same moment, while a lock left by a
 * killed run sits beside it: in every round exactly one takes the stale lock over and syncs, and
 * every other one is refused naming the winner. The children run the built SDK (dist/), which
 * the test task builds first.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const childScript = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lock-race-child.mjs');
const CHILDREN = 6;
const ROUNDS = 40;

/** One child process and the lines it has printed but nobody has read yet. */
class RacingChild {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string) => void)[] = [];
  readonly process: ChildProcessWithoutNullStreams;

  constructor(file: string) {
    this.process = spawn(process.execPath, [childScript, file]);
    createInterface({ input: this.process.stdout }).on('line', (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
  }

  send(line: string): void {
    this.process.stdin.write(`${line}\n`);
  }

  next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/** A pid no process has: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

let dir: string;
let children: RacingChild[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'c1z-lock-race-'));
});
afterEach(async () => {
  for (const child of children) {
    child.process.stdin.end();
    if (child.process.exitCode === null) await once(child.process, 'exit');
  }
  children = [];
  rmSync(dir, { recursive: true, force: true });
});

describe('taking over a stale lock', () => {
  it('lets exactly one of several processes racing for it win, round after round', async () => {
    const file = join(dir, 'sync.c1z');
    children = Array.from({ length: CHILDREN }, () => new RacingChild(file));
    const stalePid = deadPid();
    for (let round = 1; round <= ROUNDS; round += 1) {
      writeFileSync(`${file}.lock`, `${stalePid}\n`);
      const startAt = Date.now() + 60;
      for (const child of children) child.send(`${round} ${startAt}`);
      const results = await Promise.all(children.map((child) => child.next()));
      const winners = children.filter((_, index) => results[index] === `${round} won`);
      expect(winners.length, `round ${round}: ${results.join(' | ')}`).toBe(1);
      const winner = winners[0] as RacingChild;
      for (const result of results.filter((line) => line !== `${round} won`)) {
        expect(result).toBe(`${round} refused another sync is writing ${file} (pid ${winner.process.pid})`);
      }
      winner.send('release');
      expect(await winner.next()).toBe('released');
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('sync.c1z.lock'))).toEqual([]);
  }, 120_000);
});
