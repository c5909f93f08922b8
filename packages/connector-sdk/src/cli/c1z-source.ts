import { existsSync } from 'node:fs';
import { C1zFormatError, openC1zReader } from '../c1z/index.js';
import type { C1zReader, SyncRun } from '../c1z/index.js';
import type { ResourceId } from '../model/index.js';
import { UsageError } from './cli-errors.js';
import { explainReadError } from './file-errors.js';

/** Opens the c1z file for reading, or explains that there is none yet. */
export async function openExistingC1z(file: string, binary: string): Promise<C1zReader> {
  if (!existsSync(file)) {
    throw new UsageError(`no c1z file at ${file} (--file / BATON_FILE); run ${binary} to sync one first`);
  }
  try {
    return await openC1zReader(file);
  } catch (error) {
    if (error instanceof C1zFormatError) {
      throw new UsageError(`${error.message} (--file / BATON_FILE)`, { cause: error });
    }
    throw explainReadError(error, file);
  }
}

/** Opens the c1z file, runs `use` and closes it. */
export async function withC1z<T>(file: string, binary: string, use: (reader: C1zReader) => Promise<T>): Promise<T> {
  const reader = await openExistingC1z(file, binary);
  try {
    return await use(reader);
  } finally {
    reader.close();
  }
}

/**
 * The sync inspect commands read: `--sync-id` when given, else the latest finished full sync,
 * else the latest finished sync of any type.
 */
export function chooseSync(reader: C1zReader, file: string, syncId?: string): SyncRun {
  const syncs = reader.syncs();
  if (syncId !== undefined) {
    const chosen = syncs.find((sync) => sync.syncId === syncId);
    if (!chosen) throw new UsageError(`--sync-id: no sync "${syncId}" in ${file}`);
    return chosen;
  }
  const chosen = reader.latestFinishedSync('full') ?? syncs.filter((sync) => sync.endedAt).at(-1);
  if (!chosen) throw new UsageError(`${file} holds no finished sync; run a sync to completion first`);
  return chosen;
}

/** The finished full syncs of the file, oldest first. */
export function finishedFullSyncs(reader: C1zReader): SyncRun[] {
  return reader.syncs().filter((sync) => sync.type === 'full' && sync.endedAt !== undefined);
}

/** Parses a `type:id` resource reference given to `flag`. */
export function parseResourceRef(value: string, flag: string): ResourceId {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) {
    throw new UsageError(`--${flag} must be a resource as type:id (e.g. user:42), got "${value}"`);
  }
  return { resourceType: value.slice(0, colon), resource: value.slice(colon + 1) };
}
