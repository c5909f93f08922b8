import { ConnectorError } from '../errors/connector-error.js';

/**
 * The default cap on one response body, counted after decompression: 64 MiB. An API page the
 * SDK parses is a few megabytes at most; a body past this is a broken or hostile server, and
 * reading it whole would take the process's memory with it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Where a capped body comes from, for the error that names it. */
export interface BodyOrigin {
  service: string;
  /** `GET /users`. */
  endpoint: string;
  maxBytes: number;
}

/**
 * The ConnectorError `resource-exhausted` for a body larger than the client reads (gRPC's own
 * code for a message over its size limit). Not retryable: the next answer would be as large.
 */
export function bodyTooLargeError(origin: BodyOrigin): ConnectorError {
  const { service, endpoint, maxBytes } = origin;
  return new ConnectorError(
    `${service} ${endpoint} returned a response body larger than ${formatBytes(maxBytes)}, the most this client reads (maxResponseBytes); stopped reading it`,
    { code: 'resource-exhausted', endpoint },
  );
}

/**
 * Reads a response body as UTF-8 text, counting its bytes as they arrive (after undici has
 * decompressed them), and throws {@link bodyTooLargeError} as soon as they pass the cap,
 * cancelling the rest: an oversize or decompression-bomb body is never held whole.
 */
export async function readCappedText(response: Response, origin: BodyOrigin): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!encoded && declared > origin.maxBytes) {
    await response.body?.cancel();
    throw bodyTooLargeError(origin);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > origin.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLargeError(origin);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** `64 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
