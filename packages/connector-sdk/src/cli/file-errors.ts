import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { workingDirectory } from '../c1z/open.js';
import { flagHint } from '../config/index.js';
import { ConnectorError } from '../errors/connector-error.js';

/** Where a sync keeps its files, to name in an error. */
export interface SyncPlace {
  /** `--file`. */
  file: string;
  /** `--c1z-temp-dir`, when given. */
  tempDir?: string;
}

/** SQLite's primary result codes (`node:sqlite` reports them as `errcode`) by the names used below. */
const SQLITE_CODES: Record<number, string> = { 11: 'SQLITE_CORRUPT', 13: 'SQLITE_FULL', 26: 'SQLITE_NOTADB' };

/** The error's code: a system code, or the name of a SQLite result code. */
function codeOf(error: Error): string | undefined {
  const { code, errcode } = error as NodeJS.ErrnoException & { errcode?: unknown };
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') return SQLITE_CODES[errcode & 0xff];
  return code;
}

/** The system or SQLite error code somewhere in `error`'s cause chain. */
function errorCode(error: unknown): { code: string; path?: string } | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = codeOf(cause);
    const { path } = cause as NodeJS.ErrnoException;
    if (typeof code === 'string' && (/^E[A-Z]+$/.test(code) || code.startsWith('SQLITE_'))) {
      return path === undefined ? { code } : { code, path };
    }
  }
  return undefined;
}

/**
 * Turns a file-system or SQLite failure of a sync's store into an error an operator can act on:
 * it says what happened in plain words, names `--file` or `--c1z-temp-dir` and the next step,
 * and says the previous file is kept. Other errors come back as they are.
 */
export function explainStoreError(error: unknown, place: SyncPlace): unknown {
  const found = errorCode(error);
  if (!found) return error;
  const where =
    place.tempDir === undefined ? `${place.file} or its working directory ${place.file}.work` : `${place.file} or ${place.tempDir}`;
  const flags = place.tempDir === undefined ? flagHint('file') : `${flagHint('file')} or ${flagHint('c1z-temp-dir')}`;
  const path = found.path ?? where;
  const kept = `; ${place.file} was left as it was`;
  const message = describe(found.code, { path, where, flags, place, ...(found.path !== undefined && { denied: found.path }) });
  if (message === undefined) return error;
  return new ConnectorError(`${message}${kept}`, { code: 'failed-precondition', cause: error });
}

/** What {@link describe} names: the failing path (else `where`), the flags to suggest, the place. */
interface FailureSite {
  path: string;
  where: string;
  flags: string;
  place: SyncPlace;
  /** The path the system call failed on, when it said. */
  denied?: string;
}

function describe(code: string, at: FailureSite): string | undefined {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return at.denied === undefined
        ? `permission denied writing ${at.where}: choose a folder you can write to with ${at.flags}`
        : permissionDenied(at.denied, at.place);
    case 'EROFS':
      return `${at.path} is on a read-only file system: choose a writable folder with ${at.flags}`;
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return `the disk is full (writing ${at.where}): free some space or choose another folder with ${at.flags}, then run again to resume`;
    case 'EISDIR':
      return `${at.place.file} is a directory: --file / BATON_FILE names the c1z file to write, e.g. ${at.place.file}/sync.c1z`;
    case 'ENOTDIR':
      return `a part of ${at.path} is a file, not a folder: check ${at.flags}`;
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB': {
      const workDir = workingDirectory(resolve(at.place.file), at.place.tempDir);
      return `the working database in ${workDir} is damaged: remove that directory to start the sync afresh (the unfinished sync is lost)`;
    }
    default:
      return code.startsWith('SQLITE_CORRUPT') ? describe('SQLITE_CORRUPT', at) : undefined;
  }
}

/** Whether `path` is `folder` or lies below it. */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Says what this user may not do: read the file at --file, or create files in a folder (that of
 * --file, or --c1z-temp-dir when the denied path is below it), and which flag chooses another.
 */
function permissionDenied(path: string, place: SyncPlace): string {
  const file = resolve(place.file);
  const denied = resolve(path);
  if (denied === file) {
    return `permission denied reading ${place.file}: give this user read and write access to it, or choose another file with ${flagHint('file')}`;
  }
  const folder = dirname(denied);
  if (place.tempDir !== undefined && isInside(denied, resolve(place.tempDir))) {
    return `permission denied creating files in ${folder}: choose a folder you can write to with ${flagHint('c1z-temp-dir')}`;
  }
  return `permission denied creating files in ${folder}: choose a folder you can write to with ${flagHint('file')}`;
}

/**
 * Turns a failure to open the c1z file at --file for reading (inspect commands) into an error
 * naming the file, the flag and the next step. Other errors come back as they are.
 */
export function explainReadError(error: unknown, file: string): unknown {
  const found = errorCode(error);
  if (found?.code !== 'EACCES' && found?.code !== 'EPERM') return error;
  const denied = found.path === undefined ? undefined : resolve(found.path);
  const message =
    denied === resolve(file)
      ? `permission denied reading ${file}: give this user read access to it, or choose another file with ${flagHint('file')}`
      : `permission denied unpacking ${file} into ${found.path === undefined ? 'the temp directory' : dirname(found.path)}: set TMPDIR to a folder you can write to`;
  return new ConnectorError(message, { code: 'failed-precondition', cause: error });
}
