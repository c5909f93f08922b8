import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ConnectorError } from '../errors/connector-error.js';
import type { Entitlement, Grant, Resource, ResourceId, ResourceType } from '../model/types.js';
import { C1zDatabase } from './c1z-database.js';
import { readC1zFile, unreadable, writeC1zFile } from './container.js';
import { addLegacyColumns } from './legacy-columns.js';
import type { C1zReader, EntitlementFilter, GrantFilter, ResourceFilter, SyncRun, SyncStats, SyncStore, SyncType } from './store-types.js';
import { createPrivateDirectory, createPrivateFile, requireOwnFile, withPrivateUmask } from './private-place.js';
import { WorkLock } from './work-lock.js';

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
 * directory (see {@link SyncStoreOptions.tempDir}). If one is there, left by a killed or failed
 * run, it is reopened as it is, but only when it is this user's own private directory (anything
 * else there, say planted by another user of a shared temp directory, is refused with
 * ConnectorError `failed-precondition`): an unfinished sync in it can resume, and a sync that finished
 * but never reached `path` (its `finish()` failed) is carried along, so the next `finish()`
 * writes it out. Otherwise an existing file at `path` is unpacked into a new working directory
 * so its previous syncs are kept. `path` itself is only replaced, atomically and with mode 0600,
 * by `finish()`.
 *
 * The working state is created private (0700 directory, 0600 database, journal and WAL). The
 * output file is locked for this process (`<path>.lock`, whatever the temp directory) until
 * `finish()` or `abandon()`: while another live process holds it, this throws ConnectorError
 * `failed-precondition`. A `path`
 * that is not a readable c1z file throws {@link C1zFormatError}, leaving nothing behind.
 */
export async function openSyncStore(path: string, options: SyncStoreOptions = {}): Promise<SyncStore> {
  const output = resolve(path);
  const workDir = workingDirectory(output, options.tempDir);
  const lock = WorkLock.acquire(output);
  let createdWorkDir = false;
  const dbPath = join(workDir, WORKING_DB);
  const unpacking = `${dbPath}.unpacking`;
  let unpacked = false;
  try {
    createdWorkDir = createPrivateDirectory(workDir);
    for (const file of [unpacking, ...databaseFiles(dbPath)]) requireOwnFile(file);
    unpacked = !existsSync(dbPath) && existsSync(output);
    removeStaleTempFiles(output);
    if (unpacked) {
      await readC1zFile(output, unpacking);
      await rename(unpacking, dbPath);
    }
    const database = openWorkingDatabase(dbPath, output, unpacked);
    return new FileSyncStore(database, { output, dbPath, workDir, lock, createdWorkDir });
  } catch (error) {
    if (createdWorkDir) {
      rmSync(workDir, { recursive: true, force: true });
    } else if (unpacked) {
      rmSync(unpacking, { force: true });
      removeDatabaseFiles(dbPath);
    }
    lock.release();
    throw error;
  }
}

/** Opens the working database; one just unpacked from `output` that SQLite rejects is a format error. */
function openWorkingDatabase(dbPath: string, output: string, unpacked: boolean): C1zDatabase {
  createPrivateFile(dbPath);
  const db = withPrivateUmask(() => new DatabaseSync(dbPath));
  try {
    addLegacyColumns(db);
    const database = new C1zDatabase(db, dbPath);
    database.initWritable();
    return database;
  } catch (error) {
    db.close();
    throw unpacked && isCorruptDatabase(error) ? unreadable(output, error) : error;
  }
}

/** SQLite's primary result codes for a damaged database and for a file that is not one. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** Whether SQLite refused a database as not one or as damaged. */
function isCorruptDatabase(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  if (typeof code !== 'number') return false;
  const primary = code & 0xff;
  return primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB;
}

/** A SQLite database and its side files. */
function databaseFiles(dbPath: string): string[] {
  return ['', '-wal', '-shm', '-journal'].map((suffix) => `${dbPath}${suffix}`);
}

/** Removes a SQLite database and its side files. */
function removeDatabaseFiles(dbPath: string): void {
  for (const file of databaseFiles(dbPath)) rmSync(file, { force: true });
}

/**
 * Opens a c1z file for reading: unpacks it into a private temporary directory, which `close()`
 * deletes. A file that is not a readable c1z file throws {@link C1zFormatError}.
 */
export async function openC1zReader(path: string): Promise<C1zReader> {
  const dir = mkdtempSync(join(tmpdir(), 'c1z-read-'));
  try {
    const dbPath = join(dir, WORKING_DB);
    const input = resolve(path);
    await readC1zFile(input, dbPath);
    const db = new DatabaseSync(dbPath);
    let database: C1zDatabase;
    try {
      // The private copy gains the columns and indexes an older baton-sdk did not write; the
      // file itself stays as it is.
      db.prepare('select count(*) from sqlite_master').get();
      addLegacyColumns(db);
      database = new C1zDatabase(db, dbPath);
      database.ensureReadIndexes();
      db.exec('pragma query_only = ON');
    } catch (error) {
      db.close();
      throw isCorruptDatabase(error) ? unreadable(input, error) : error;
    }
    return new TempFileReader(database, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The store's own working directory for `output` (and `--c1z-temp-dir`): never the caller's
 * directory itself. Exported so an error can name the directory to remove.
 */
export function workingDirectory(output: string, tempDir: string | undefined): string {
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

/** Where a {@link FileSyncStore} works and what it found there when opened. */
interface StorePlace {
  /** The c1z file `finish()` writes. */
  output: string;
  dbPath: string;
  workDir: string;
  lock: WorkLock;
  /** True when the working directory did not exist before this store opened it. */
  createdWorkDir: boolean;
}

class FileSyncStore extends DatabaseReader implements SyncStore {
  private closed = false;
  private startedSync = false;

  constructor(
    database: C1zDatabase,
    private readonly place: StorePlace,
  ) {
    super(database);
  }

  unfinishedSync(): SyncRun | undefined {
    return this.database.unfinishedSync();
  }
  startSync(type?: SyncType): string {
    const syncId = this.database.startSync(type);
    this.startedSync = true;
    return syncId;
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
   * Commits pending writes (vacuuming away pruned syncs), compresses the database into a 0600
   * temp file beside the output, fsyncs it, renames it over the output and removes the working
   * directory. On failure the output is untouched and the working state stays (unlocked) for a
   * later run, which resumes it or carries its finished syncs along.
   */
  async finish(): Promise<void> {
    this.requireOpen();
    this.closed = true;
    const temp = join(dirname(this.place.output), `.${basename(this.place.output)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    try {
      this.database.closeForExport();
      await writeC1zFile(this.place.dbPath, temp);
      await rename(temp, this.place.output);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      this.place.lock.release();
      throw new ConnectorError(`c1z: could not write ${this.place.output}: ${(error as Error).message}`, {
        code: 'internal',
        cause: error,
      });
    }
    await syncDirectory(dirname(this.place.output));
    await rm(this.place.workDir, { recursive: true, force: true });
    this.place.lock.release();
  }

  /**
   * Rolls back to the last checkpoint, closes and unlocks. The working directory is removed only
   * when this store created it (a fresh or freshly unpacked copy of the output) and no sync was
   * started through it, say when validation failed: then it holds nothing the output lacks.
   * Working state that was already there (a killed or failed run's, maybe a finished sync that
   * never reached the output) is always kept, as is one holding a sync started here.
   */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.database.rollback();
    } catch {
      // SQLite already rolled back on its own (a full disk): nothing is left to undo
    }
    this.database.close();
    if (this.place.createdWorkDir && !this.startedSync) rmSync(this.place.workDir, { recursive: true, force: true });
    this.place.lock.release();
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
