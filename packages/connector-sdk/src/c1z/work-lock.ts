import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorError } from '../errors/connector-error.js';

/** The lock file's name inside a working directory. */
const LOCK_FILE = 'lock';

/** Lock files this process holds, to tell its own live claims from a dead run with the same pid. */
const heldHere = new Set<string>();

/**
 * An exclusive claim on a working directory, so two syncs into the same file never share one:
 * a `lock` file holding the owner's pid. A lock whose process is gone (a killed run) is taken
 * over, and so is one holding this process's own pid that this process does not hold: in a
 * container every run is pid 1, so a killed run's lock names the pid of the next one. Other
 * reused pids block until that process ends or the file is removed by hand.
 */
export class WorkLock {
  private constructor(private readonly file: string) {}

  /**
   * Claims `workDir` for this process. Throws ConnectorError `failed-precondition` naming the
   * holder when a live process holds it; `output` is the file named in that message.
   */
  static acquire(workDir: string, output: string): WorkLock {
    const file = join(workDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (tryCreate(file)) {
        heldHere.add(file);
        return new WorkLock(file);
      }
      const holder = lockHolder(file);
      const alive = holder === process.pid ? heldHere.has(file) : holder !== undefined && isAlive(holder);
      if (holder !== undefined && alive) {
        throw new ConnectorError(`another sync is writing ${output} (pid ${holder})`, { code: 'failed-precondition' });
      }
      rmSync(file, { force: true });
    }
    throw new ConnectorError(`another sync is writing ${output}`, { code: 'failed-precondition' });
  }

  /** Gives the claim up, unless another process has taken the lock over since. */
  release(): void {
    if (!heldHere.delete(this.file)) return;
    if (lockHolder(this.file) === process.pid) rmSync(this.file, { force: true });
  }
}

/** Creates the lock file with its content in one step (a hard link fails if it exists). */
function tryCreate(file: string): boolean {
  const staged = `${file}.${process.pid}`;
  writeFileSync(staged, `${process.pid}\n`, { mode: 0o600 });
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

/** The pid in the lock file; undefined when it is gone or unreadable. */
function lockHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
