import type { FileHandle } from 'node:fs/promises';
import { fieldString, readFields } from './proto/wire.js';

/** The five bytes a c1z v3 file (baton-sdk's Pebble envelope) starts with. */
export const C1Z_V3_HEADER = Buffer.from('C1Z3\x00', 'latin1');
/** Manifests larger than this are not read (baton-sdk caps them at 16 MiB). */
const MAX_MANIFEST_BYTES = 16 << 20;

/** Which baton-sdk writes each manifest engine name. */
const ENGINE_WRITERS: Record<string, string> = {
  pebble3: 'baton-sdk v0.25 or later',
  pebble2: 'a baton-sdk before v0.25',
  pebble: 'an early baton-sdk with the Pebble engine',
};

/**
 * Explains a c1z v3 file: what it is, which baton-sdk wrote it (from the engine its manifest
 * names: magic, big-endian u32 length, `C1ZManifestV3` whose field 1 is the engine) and how to
 * get a v1 copy this SDK reads. v3 files hold a Pebble database, which this SDK does not read.
 */
export async function describeV3File(path: string, handle: FileHandle): Promise<string> {
  const engine = await manifestEngine(handle).catch(() => undefined);
  const writer = (engine && ENGINE_WRITERS[engine]) ?? 'baton-sdk v0.25 or later';
  const named = engine ? `, storage engine "${engine}"` : '';
  return (
    `${path} is a c1z v3 file (header C1Z3\\x00${named}), the Pebble-based format ${writer} writes by default; ` +
    'this SDK reads c1z v1 (SQLite) files only. Get a v1 copy by running the Baton connector sync again with ' +
    '--storage-engine sqlite (BATON_STORAGE_ENGINE=sqlite)'
  );
}

async function manifestEngine(handle: FileHandle): Promise<string | undefined> {
  const length = Buffer.alloc(4);
  const { bytesRead } = await handle.read(length, 0, 4, C1Z_V3_HEADER.length);
  if (bytesRead !== 4) return undefined;
  const size = length.readUInt32BE(0);
  if (size === 0 || size > MAX_MANIFEST_BYTES) return undefined;
  const manifest = Buffer.alloc(size);
  const read = await handle.read(manifest, 0, size, C1Z_V3_HEADER.length + 4);
  if (read.bytesRead !== size) return undefined;
  for (const f of readFields(manifest)) if (f.field === 1) return fieldString(f) || undefined;
  return undefined;
}
