import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConnectorError } from '../errors/connector-error.js';
import type { Entitlement, Grant, Resource, ResourceId, ResourceType } from '../model/types.js';
import { C1zDatabase } from './c1z-database.js';
import { readC1zFile, writeC1zFile } from './container.js';
import type {
  C1zReader,
  EntitlementFilter,
  GrantFilter,
  ResourceFilter,
  SyncRun,
  SyncStats,
  SyncStore,
  SyncType,
} from './store-types.js';

/** Where the working database lives inside the working directory. */
const WORKING_DB = 'sync.db';
const TEMP_SUFFIX = '.c1z-tmp';

/** Options of {@link openSyncStore}. */
export interface SyncStoreOptions {
  /**
   * A directory to keep the working state in (`--c1z-temp-dir`). The store works in its own
   * subdirectory there, named after the output path so a later run finds it to resume.
   * Default: `<path>.work`, beside the output file.
   */
  tempDir?: string;
}

/**
 * Opens the c1z file at `path` for a sync. The working SQLite database lives in a working
 * directory (see {@link SyncStoreOptions.tempDir}): if one is there (a killed run), it is reopened
 * so the unfinished sync can resume; otherwise an existing file at `path` is unpacked into it so
 * its previous syncs are kept. `path` itself is only replaced, atomically and with mode 0600,
 * by `finish()`.
 */
export async function openSyncStore(path: string, options: SyncStoreOptions = {}): Promise<SyncStore> {
  const output = resolve(path);
  const workDir = workingDirectory(output, options.tempDir);
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  removeStaleTempFiles(output);
  const dbPath = join(workDir, WORKING_DB);
  if (!existsSync(dbPath) && existsSync(output)) {
    const unpacking = `${dbPath}.unpacking`;
    await readC1zFile(output, unpacking);
    await rename(unpacking, dbPath);
  }
  const database = new C1zDatabase(new Database(dbPath));
  database.initWritable();
  return new FileSyncStore(database, output, dbPath, workDir);
}

/**
 * Opens a c1z file for reading: unpacks it into a private temporary directory, which `close()`
 * deletes.
 */
export async function openC1zReader(path: string): Promise<C1zReader> {
  const dir = mkdtempSync(join(tmpdir(), 'c1z-read-'));
  try {
    const dbPath = join(dir, WORKING_DB);
    await readC1zFile(resolve(path), dbPath);
    const db = new Database(dbPath, { fileMustExist: true });
    db.pragma('query_only = ON');
    return new TempFileReader(new C1zDatabase(db), dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The store's own working directory for `output`: never the caller's directory itself. */
function workingDirectory(output: string, tempDir: string | undefined): string {
  if (tempDir === undefined) return `${output}.work`;
  const digest = createHash('sha256').update(output).digest('hex').slice(0, 16);
  return join(resolve(tempDir), `${basename(output)}-${digest}.work`);
}

/** Removes temporary files left by a `finish()` that was killed half way. */
function removeStaleTempFiles(output: string): void {
  const dir = dirname(output);
  const prefix = `.${basename(output)}.`;
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)) rmSync(join(dir, name), { force: true });
  }
}

/** Delegates every read to a database; the base of both file-backed classes below. */
class DatabaseReader implements C1zReader {
  constructor(protected readonly database: C1zDatabase) {}
  syncs(): SyncRun[] {
    return this.database.syncs();
  }
  latestFinishedSync(type?: SyncType): SyncRun | undefined {
    return this.database.latestFinishedSync(type);
  }
  resourceTypes(syncId: string): ResourceType[] {
    return this.database.resourceTypes(syncId);
  }
  resources(filter: ResourceFilter): IterableIterator<Resource> {
    return this.database.resources(filter);
  }
  resource(syncId: string, id: ResourceId): Resource | undefined {
    return this.database.resource(syncId, id);
  }
  entitlements(filter: EntitlementFilter): IterableIterator<Entitlement> {
    return this.database.entitlements(filter);
  }
  entitlement(syncId: string, id: string): Entitlement | undefined {
    return this.database.entitlement(syncId, id);
  }
  grants(filter: GrantFilter): IterableIterator<Grant> {
    return this.database.grants(filter);
  }
  grant(syncId: string, id: string): Grant | undefined {
    return this.database.grant(syncId, id);
  }
  stats(syncId: string): SyncStats {
    return this.database.stats(syncId);
  }
  close(): void {
    this.database.close();
  }
}

class TempFileReader extends DatabaseReader {
  constructor(
    database: C1zDatabase,
    private readonly dir: string,
  ) {
    super(database);
  }
  override close(): void {
    super.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

class FileSyncStore extends DatabaseReader implements SyncStore {
  private closed = false;

  constructor(
    database: C1zDatabase,
    private readonly output: string,
    private readonly dbPath: string,
    private readonly workDir: string,
  ) {
    super(database);
  }

  unfinishedSync(): SyncRun | undefined {
    return this.database.unfinishedSync();
  }
  startSync(type?: SyncType): string {
    return this.database.startSync(type);
  }
  putResourceTypes(syncId: string, items: readonly ResourceType[]): void {
    this.database.putResourceTypes(syncId, items);
  }
  putResources(syncId: string, items: readonly Resource[]): void {
    this.database.putResources(syncId, items);
  }
  putEntitlements(syncId: string, items: readonly Entitlement[]): void {
    this.database.putEntitlements(syncId, items);
  }
  putGrants(syncId: string, items: readonly Grant[]): void {
    this.database.putGrants(syncId, items);
  }
  checkpoint(syncId: string, syncToken: string): void {
    this.database.checkpoint(syncId, syncToken);
  }
  endSync(syncId: string): void {
    this.database.endSync(syncId);
  }

  /**
   * Commits pending writes, compresses the database into a 0600 temp file beside the output,
   * fsyncs it, renames it over the output and removes the working directory. On failure the
   * output is untouched and the working state stays for a later resume.
   */
  async finish(): Promise<void> {
    this.requireOpen();
    this.closed = true;
    this.database.closeForExport();
    const temp = join(dirname(this.output), `.${basename(this.output)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    try {
      await writeC1zFile(this.dbPath, temp);
      await rename(temp, this.output);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new ConnectorError(`c1z: could not write ${this.output}: ${(error as Error).message}`, {
        code: 'internal',
        cause: error,
      });
    }
    await syncDirectory(dirname(this.output));
    await rm(this.workDir, { recursive: true, force: true });
  }

  /**
   * Rolls back to the last checkpoint and closes. The working state stays when it holds an
   * unfinished sync to resume; otherwise (say, validation failed before a sync started) it is
   * removed, so nothing is left beside the output.
   */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.database.rollback();
    const resumable = this.database.unfinishedSync() !== undefined;
    this.database.close();
    if (!resumable) rmSync(this.workDir, { recursive: true, force: true });
  }

  override close(): void {
    this.abandon();
  }

  private requireOpen(): void {
    if (this.closed) throw new ConnectorError('c1z: the sync store is closed', { code: 'failed-precondition' });
  }
}

/** Makes a rename durable by fsyncing its directory (best effort where directories cannot be opened). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
