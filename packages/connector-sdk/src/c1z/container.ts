import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createZstdCompress, createZstdDecompress } from 'node:zlib';
import { C1Z_V3_HEADER, describeV3File } from './v3-file.js';

/** The five bytes every c1z v1 file starts with. */
export const C1Z_V1_HEADER = Buffer.from('C1ZF\x00', 'latin1');

/**
 * The zstd level of the payload: 1, what Baton's c1z encoder uses (`pkg/dotc1z` writes with
 * klauspost/compress at `SpeedFastest`, zstd's level 1), so writing costs what Baton's does.
 */
const ZSTD_LEVEL = 1;

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\x00', 'latin1');

/**
 * The most a c1z file's payload may inflate to by default (64 GiB, far beyond any tenant's
 * working database); a payload past it is refused before more is written to disk.
 */
export const MAX_C1Z_INFLATED_BYTES = 64 * 1024 ** 3;

/** Thrown when a file is not a c1z v1 file. */
export class C1zFormatError extends Error {
  override name = 'C1zFormatError';
}

/**
 * Writes `dbPath` (a SQLite database) as a c1z v1 file at `outPath`: the header, then one zstd
 * frame (with its content checksum), streamed so memory stays flat. The file is created with
 * mode 0600 and fsynced.
 */
export async function writeC1zFile(dbPath: string, outPath: string): Promise<void> {
  const out = createWriteStream(outPath, { mode: 0o600, flags: 'wx' });
  out.write(C1Z_V1_HEADER);
  const compress = createZstdCompress({
    chunkSize: COMPRESSED_CHUNK_BYTES,
    params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [constants.ZSTD_c_checksumFlag]: 1 },
  });
  const written = pipeline(compress, out);
  try {
    await feedFile(dbPath, compress);
  } catch (error) {
    compress.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  await written;
  const handle = await open(outPath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Bytes read from the database per write to the compressor. */
const READ_CHUNK_BYTES = 256 * 1024;
/** Bytes of compressed output per buffer the compressor hands on. */
const COMPRESSED_CHUNK_BYTES = 256 * 1024;

/**
 * Writes the file at `path` into `sink` and ends it. The bytes are read into two buffers used in
 * turn (the next read runs while the sink takes the last one), never into a new buffer per
 * read: a database of gigabytes leaves no garbage behind to raise the process's memory.
 */
async function feedFile(path: string, sink: Writable): Promise<void> {
  const input = await open(path, 'r');
  let taking: Promise<void> = Promise.resolve();
  try {
    const buffers = [Buffer.allocUnsafeSlow(READ_CHUNK_BYTES), Buffer.allocUnsafeSlow(READ_CHUNK_BYTES)];
    for (let turn = 0; ; turn++) {
      const buffer = buffers[turn % 2] as Buffer;
      const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
      // The sink has taken the other buffer once its write has called back; only then is it reused.
      await taking;
      if (bytesRead === 0) break;
      taking = writeChunk(sink, buffer.subarray(0, bytesRead));
    }
  } finally {
    await taking.catch(() => undefined);
    await input.close();
  }
  sink.end();
}

/** Writes one chunk and resolves once the sink has consumed it (its write callback). */
function writeChunk(sink: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Unpacks the c1z v1 file at `c1zPath` into a SQLite database at `dbPath` (created 0600).
 * A wrong header, a truncated or corrupt zstd frame, an empty payload, a payload that does not
 * start as a SQLite database, or one inflating past `maxInflatedBytes` (default
 * {@link MAX_C1Z_INFLATED_BYTES}) throw {@link C1zFormatError} as soon as it shows, so a
 * decompression bomb is never unpacked; `dbPath` may then hold a partial file, which the
 * caller removes.
 */
export async function readC1zFile(c1zPath: string, dbPath: string, maxInflatedBytes = MAX_C1Z_INFLATED_BYTES): Promise<void> {
  const handle = await open(c1zPath, 'r');
  try {
    const header = Buffer.alloc(C1Z_V1_HEADER.length);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (bytesRead === header.length && header.equals(C1Z_V3_HEADER)) {
      throw new C1zFormatError(await describeV3File(c1zPath, handle));
    }
    if (bytesRead !== header.length || !header.equals(C1Z_V1_HEADER)) {
      throw new C1zFormatError(`${c1zPath} is not a c1z v1 file (expected header C1ZF\\x00)`);
    }
  } finally {
    await handle.close();
  }
  try {
    await pipeline(
      createReadStream(c1zPath, { start: C1Z_V1_HEADER.length }),
      createZstdDecompress(),
      new RequireDatabase(c1zPath, maxInflatedBytes),
      createWriteStream(dbPath, { mode: 0o600 }),
    );
  } catch (error) {
    throw isSystemError(error) || error instanceof C1zFormatError ? error : unreadable(c1zPath, error);
  }
}

/** The error for a c1z file whose compressed payload cannot be decoded. */
export function unreadable(c1zPath: string, cause: unknown): C1zFormatError {
  return new C1zFormatError(`${c1zPath} is not a readable c1z file: truncated or corrupt`, { cause });
}

/** Errors of the file system (reading the input, writing the output) are not format errors. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * Fails the pipeline when the payload is empty, does not start with SQLite's header, or grows
 * past the cap.
 */
class RequireDatabase extends Transform {
  private seen = 0;
  private head = Buffer.alloc(0);
  constructor(
    private readonly path: string,
    private readonly max: number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) {
      done(new C1zFormatError(`${this.path} inflates to more than ${this.max} bytes; refusing to unpack it`));
      return;
    }
    if (this.head.length < SQLITE_HEADER.length) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SQLITE_HEADER.length - this.head.length)]);
      if (!SQLITE_HEADER.subarray(0, this.head.length).equals(this.head)) {
        done(unreadable(this.path, new Error('the payload is not a SQLite database')));
        return;
      }
    }
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    done(this.seen > 0 ? null : new C1zFormatError(`${this.path} holds no database`));
  }
}
