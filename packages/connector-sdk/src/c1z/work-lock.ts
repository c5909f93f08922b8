import { randomBytes } from 'node:crypto';
import { closeSync, constants, linkSync, lstatSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConnectorError } from '../errors/connector-error.js';

/** How old a takeover guard must be before it counts as left by a killed process. */
const ABANDONED_GUARD_MS = 10_000;

/** How long an opener waits for another process's takeover of a stale lock to settle. */
const TAKEOVER_WAIT_MS = 2_000;

/** The pause between two looks at a lock another process is taking over. */
const TAKEOVER_POLL_MS = 2;

/** Lock files this process holds, to tell its own live claims from a dead run with the same pid. */
const heldHere = new Set<string>();

/** A lock file as seen once: whose it is and which file it was, so a takeover removes only that one. */
interface Claim {
  pid: number | undefined;
  inode: number;
}

/**
 * An exclusive claim on an output file, so two syncs into the same file never both run, whatever
 * working directory each uses: `<file>.lock` beside it, holding the owner's pid, created in one
 * atomic step. A lock whose process is gone (a killed run) is taken over, and so is one holding
 * this process's own pid that this process does not hold: in a container every run is pid 1, so
 * a killed run's lock names the pid of the next one. Other reused pids block until that process
 * ends or the file is removed by hand. A takeover happens under a second lock
 * (`<file>.lock.takeover`) and removes only the very file judged stale, so of two processes
 * taking over the same stale lock exactly one wins; one that finds a takeover under way waits
 * for it to settle, so it is refused naming the winner.
 */
export class WorkLock {
  private constructor(private readonly file: string) {}

  /**
   * Claims `output` for this process. Throws ConnectorError `failed-precondition` naming the
   * holder when a live process holds it.
   */
  static acquire(output: string): WorkLock {
    const file = `${output}.lock`;
    mkdirSync(dirname(file), { recursive: true });
    const giveUpAt = Date.now() + TAKEOVER_WAIT_MS;
    for (;;) {
      if (tryCreate(file)) {
        heldHere.add(file);
        return new WorkLock(file);
      }
      const claim = readClaim(file);
      if (claim?.pid !== undefined && isLive(claim.pid, file)) {
        throw new ConnectorError(`another sync is writing ${output} (pid ${claim.pid})`, { code: 'failed-precondition' });
      }
      if (claim === undefined || takeOver(file, claim)) continue; // released meanwhile, or taken over now
      if (Date.now() > giveUpAt) {
        throw new ConnectorError(`another sync is taking over the stale lock ${file}; if no sync is running, remove ${file}.takeover`, {
          code: 'failed-precondition',
        });
      }
      pause(TAKEOVER_POLL_MS);
    }
  }

  /** Gives the claim up, unless another process has taken the lock over since. */
  release(): void {
    if (!heldHere.delete(this.file)) return;
    if (readClaim(this.file)?.pid === process.pid) rmSync(this.file, { force: true });
  }
}

/**
 * Removes the stale lock `seen`, if it is still that file, while holding the takeover guard.
 * False when another process holds the guard: its takeover is under way.
 */
function takeOver(file: string, seen: Claim): boolean {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard)) {
    removeIfAbandoned(guard);
    return false;
  }
  try {
    const now = readClaim(file);
    if (now !== undefined && now.inode === seen.inode && now.pid === seen.pid) rmSync(file, { force: true });
    return true;
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Blocks this thread for `ms` milliseconds (the lock is taken synchronously). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Removes a takeover guard whose taker was killed in the few milliseconds it holds one. */
function removeIfAbandoned(guard: string): void {
  try {
    if (Date.now() - lstatSync(guard).mtimeMs > ABANDONED_GUARD_MS) rmSync(guard, { force: true });
  } catch {
    // gone already
  }
}

/**
 * Creates `file` holding this process's pid in one step: the content goes into a fresh private
 * file (never following a planted symlink), then a hard link, which fails if `file` exists.
 */
function tryCreate(file: string): boolean {
  const staged = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const fd = openSync(staged, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(staged, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(staged, { force: true });
  }
}

/** The lock file as it is now; undefined when it is gone. An unreadable pid is undefined. */
function readClaim(file: string): Claim | undefined {
  try {
    const inode = lstatSync(file).ino;
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, inode };
  } catch {
    return undefined;
  }
}

/** Whether `pid` holds `file` now: this process only if it took it, another if it is running. */
function isLive(pid: number, file: string): boolean {
  if (pid === process.pid) return heldHere.has(file);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
