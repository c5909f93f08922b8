import { chmodSync, closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { ConnectorError } from '../errors/connector-error.js';

/** The permission bits that let anyone but the owner in. */
const OTHERS = 0o077;

/** Names the flag that moves the working state, for the next step in a refusal. */
const NEXT_STEP = 'remove it, or choose another place with --c1z-temp-dir / BATON_C1Z_TEMP_DIR';

/**
 * Creates `dir` with mode 0700 (parents as needed) and says whether this call created it: of two
 * processes racing to create it, only one hears yes. A `dir` that was already there is reused
 * only when it is a real directory (not a symlink), owned by this user and closed to everyone
 * else; anything else may have been planted by another local user, and is refused with
 * ConnectorError `failed-precondition` naming it and the next step.
 */
export function createPrivateDirectory(dir: string): boolean {
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o700); // a umask can only take bits away, but a 0700 request is what we mean
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  requirePrivate(dir, lstatSync(dir), 'directory');
  return false;
}

/**
 * Checks a file that should be ours inside a private working directory, when it is there: a
 * symlink or another user's file is refused (see {@link createPrivateDirectory}); our own file
 * is narrowed to mode 0600.
 */
export function requireOwnFile(file: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  requireOwned(file, stats, 'file');
  if ((stats.mode & OTHERS) !== 0) chmodSync(file, 0o600);
}

/**
 * Creates `file` empty with mode 0600 unless it is there, without following a symlink, so
 * SQLite opens a private file and gives its journal and WAL the same mode from the first byte.
 */
export function createPrivateFile(file: string): void {
  try {
    const fd = openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o600);
    try {
      fchmodSync(fd, 0o600);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    requireOwnFile(file);
  }
}

/** Runs `open` with a umask that keeps every file it creates private (main thread only). */
export function withPrivateUmask<T>(open: () => T): T {
  let previous: number | undefined;
  try {
    previous = process.umask(OTHERS);
  } catch {
    // worker threads cannot change the umask; the pre-created 0600 file still holds
  }
  try {
    return open();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

function requirePrivate(path: string, stats: Stats, kind: 'directory'): void {
  requireOwned(path, stats, kind);
  if (!stats.isDirectory()) refuse(path, kind, 'it is not a directory');
  if ((stats.mode & OTHERS) !== 0) {
    refuse(path, kind, `it is open to other users (mode ${(stats.mode & 0o777).toString(8)})`);
  }
}

function requireOwned(path: string, stats: Stats, kind: 'directory' | 'file'): void {
  if (stats.isSymbolicLink()) refuse(path, kind, 'it is a symbolic link');
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) refuse(path, kind, `it belongs to another user (uid ${stats.uid})`);
}

function refuse(path: string, kind: 'directory' | 'file', reason: string): never {
  throw new ConnectorError(`refusing the working ${kind} ${path}: ${reason} - ${NEXT_STEP}`, { code: 'failed-precondition' });
}
