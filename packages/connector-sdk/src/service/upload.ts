import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { C1Api } from './client.js';
import type { BatonServiceUploadAssetRequestSchema } from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import type { Sleep } from './timing.js';

/** Bytes per data message of an upload, as baton-sdk sends them (the last one holds the rest). */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
/** Attempts of one upload; each starts again from byte 0. */
export const UPLOAD_ATTEMPTS = 3;

type UploadMessage = MessageInitShape<typeof BatonServiceUploadAssetRequestSchema>;

/** The messages of one upload of `file`: metadata, 512 KiB data chunks, then the SHA-256 of the whole file. */
export async function* uploadMessages(file: string, hostId: string, taskId: string): AsyncGenerator<UploadMessage> {
  yield { msg: { case: 'metadata', value: { hostId, taskId } } };
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    for (;;) {
      const buffer = Buffer.alloc(UPLOAD_CHUNK_BYTES);
      let filled = 0;
      while (filled < UPLOAD_CHUNK_BYTES) {
        const { bytesRead } = await handle.read(buffer, filled, UPLOAD_CHUNK_BYTES - filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) break;
      const chunk = buffer.subarray(0, filled);
      hash.update(chunk);
      yield { msg: { case: 'data', value: { data: chunk } } };
      if (filled < UPLOAD_CHUNK_BYTES) break;
    }
  } finally {
    await handle.close();
  }
  yield { msg: { case: 'eof', value: { sha256Checksum: hash.digest() } } };
}

/** Uploads `file` for a task, up to three attempts (waiting 0 s, then 1 s), as baton-sdk does. */
export async function uploadFile(
  api: C1Api,
  file: string,
  ids: { hostId: string; taskId: string },
  sleep: Sleep,
  signal: AbortSignal,
): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < UPLOAD_ATTEMPTS; attempt++) {
    if (attempt > 1) await sleep(1000, signal);
    signal.throwIfAborted();
    try {
      await api.uploadAsset(abortable(uploadMessages(file, ids.hostId, ids.taskId), signal));
      return;
    } catch (error) {
      lastError = error;
      if (signal.aborted) break;
    }
  }
  throw lastError;
}

/** Stops yielding (by throwing the abort reason) once `signal` aborts, so a stream is cancelled before its EOF. */
async function* abortable<T>(source: AsyncGenerator<T>, signal: AbortSignal): AsyncGenerator<T> {
  for await (const item of source) {
    signal.throwIfAborted();
    yield item;
  }
}
