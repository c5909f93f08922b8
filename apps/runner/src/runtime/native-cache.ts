import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIVE_CACHE_ENV } from './contract.js';

/** Error codes after which the next candidate cache directory is tried. */
const UNUSABLE_DIR_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EEXIST', 'INSECURE_DIR']);

/** Where a process may keep extracted addons, in order of preference. */
export interface CacheRoots {
  /** Candidate directories, best first. */
  roots: string[];
  /** True when the operator named the directory: no fallback then. */
  explicit: boolean;
}

/** What {@link cacheRoots} reads from the process; injectable for tests. */
export interface CacheEnvironment {
  env: Record<string, string | undefined>;
  home?: string;
  tmp?: string;
  uid?: number;
}

/**
 * The candidate cache directories: `$C1_NATIVE_CACHE_DIR` alone when set; otherwise
 * `$XDG_CACHE_HOME/c1-connectors` (or `~/.cache/c1-connectors`), then
 * `<tmpdir>/c1-connectors-<uid>`.
 */
export function cacheRoots(source: CacheEnvironment): CacheRoots {
  const named = source.env[NATIVE_CACHE_ENV];
  if (named) return { roots: [named], explicit: true };
  const roots: string[] = [];
  const xdg = source.env['XDG_CACHE_HOME'];
  if (xdg) roots.push(join(xdg, 'c1-connectors'));
  else if (source.home) roots.push(join(source.home, '.cache', 'c1-connectors'));
  roots.push(join(source.tmp ?? tmpdir(), `c1-connectors-${source.uid ?? 'user'}`));
  return { roots, explicit: false };
}

/** The candidate cache directories of this process. */
export function processCacheRoots(): CacheRoots {
  let home: string | undefined;
  try {
    home = homedir();
  } catch {
    home = undefined;
  }
  return cacheRoots({ env: process.env, home, tmp: tmpdir(), uid: process.getuid?.() });
}

/** An addon to put on disk: its file name, expected digest and bytes (read lazily). */
export interface AddonFile {
  /** File name inside the per-digest directory, e.g. `better-sqlite3.node`. */
  fileName: string;
  /** Hex sha256 of the bytes; also names the directory, so builds never collide. */
  sha256: string;
  /** The addon's bytes (only read when the cached copy is missing or differs). */
  bytes: () => Uint8Array;
}

/**
 * Puts `addon` at `<root>/<sha256>/<fileName>` in the first usable root and returns its path.
 * A cached copy is reused only when its digest matches. Directories are created mode 0700 and
 * must belong to this user (or root) and not be writable by group or others; the file is
 * written beside its final name and renamed into place, so concurrent starts never see half a
 * file.
 */
export function materializeAddon(addon: AddonFile, candidates: CacheRoots): string {
  const failures: string[] = [];
  for (const root of candidates.roots) {
    try {
      return materializeIn(root, addon);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push(`${root}: ${(error as Error).message}`);
      if (candidates.explicit || !code || !UNUSABLE_DIR_CODES.has(code)) break;
    }
  }
  throw new Error(
    `cannot extract the native addon ${addon.fileName} (${failures.join('; ')}) - set ${NATIVE_CACHE_ENV} to a private writable directory`,
  );
}

function materializeIn(root: string, addon: AddonFile): string {
  const dir = join(root, addon.sha256);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  assertPrivateDir(root);
  assertPrivateDir(dir);
  const path = join(dir, addon.fileName);
  if (holdsDigest(path, addon.sha256)) return path;
  const temp = join(dir, `.${addon.fileName}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o500);
  try {
    const bytes = addon.bytes();
    let written = 0;
    while (written < bytes.byteLength) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  return path;
}

/** Throws (code `INSECURE_DIR`) unless `dir` is a real directory only its owner can change. */
function assertPrivateDir(dir: string): void {
  const stats = lstatSync(dir);
  const uid = process.getuid?.();
  const problem = !stats.isDirectory()
    ? 'is not a directory'
    : uid !== undefined && stats.uid !== uid && stats.uid !== 0
      ? 'belongs to another user'
      : (stats.mode & 0o022) !== 0
        ? 'is writable by group or others'
        : undefined;
  if (problem) throw Object.assign(new Error(`${dir} ${problem}`), { code: 'INSECURE_DIR' });
}

function holdsDigest(path: string, sha256: string): boolean {
  try {
    if (!lstatSync(path).isFile()) return false;
    return createHash('sha256').update(readFileSync(path)).digest('hex') === sha256;
  } catch {
    return false;
  }
}
