import { open, type FileHandle } from 'node:fs/promises';
import { ConnectorError } from '../errors/connector-error.js';
import { parseYamlInTurns } from './yaml.js';

/** The largest config file read (a config holds a few dozen settings; certificates fit easily). */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** The most keys a config file may hold; YAML parsing time grows with the square of the keys. */
export const MAX_CONFIG_FILE_KEYS = 1000;
/** The most values (scalars, list items included) a config file may hold. */
export const MAX_CONFIG_FILE_VALUES = 10_000;

/** How much of the file is read at a time. */
const READ_CHUNK_BYTES = 64 * 1024;

/** What {@link loadConfigFile} needs besides the path. */
export interface LoadConfigFileOptions {
  /** Aborting stops reading and parsing at once; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Reads a YAML config file whose keys are flag names (`ilert-api-token` or `ilert_api_token`).
 * An empty file is an empty config. The file (a pipe such as `/dev/stdin` too) is read and
 * parsed in slices, so an abort (SIGTERM) stops it at once. Rejects with a ConnectorError
 * `invalid-argument` when the file cannot be read, is over {@link MAX_CONFIG_FILE_BYTES},
 * {@link MAX_CONFIG_FILE_KEYS} or {@link MAX_CONFIG_FILE_VALUES}, or is not a YAML mapping; the
 * message never quotes the file's content, and the parser prints nothing.
 */
export async function loadConfigFile(path: string, options: LoadConfigFileOptions = {}): Promise<Record<string, unknown>> {
  const text = await readConfigText(path, options.signal);
  // The failsafe schema keeps every scalar as written (`0123` stays "0123", not 123), so a
  // token that looks like a number is not changed; fields convert strings themselves.
  if (keyLines(text) > MAX_CONFIG_FILE_KEYS) throw tooLarge(path, `more than ${MAX_CONFIG_FILE_KEYS} keys`);
  const parsed = await parseYamlInTurns(text, { maxValues: MAX_CONFIG_FILE_VALUES, ...(options.signal && { signal: options.signal }) });
  if (!parsed.ok && 'tooManyValues' in parsed) throw tooLarge(path, `more than ${MAX_CONFIG_FILE_VALUES} values`);
  if (!parsed.ok) {
    const where = parsed.line === undefined ? '' : `line ${parsed.line}, column ${parsed.column}: `;
    throw new ConnectorError(`config file ${path} is not valid YAML (${where}${parsed.error.code.toLowerCase().replace(/_/g, ' ')})`, {
      code: 'invalid-argument',
    });
  }
  const document = parsed.value;
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConnectorError(`config file ${path} must be a mapping of flag names to values`, { code: 'invalid-argument' });
  }
  return withoutNulls(document as Record<string, unknown>);
}

/** The file's text, read a chunk at a time up to the size limit; an abort ends the wait for a chunk. */
async function readConfigText(path: string, signal: AbortSignal | undefined): Promise<string> {
  signal?.throwIfAborted();
  let handle: FileHandle;
  try {
    handle = await untilAborted(open(path, 'r'), signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unreadable(path, error);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = Buffer.alloc(READ_CHUNK_BYTES);
      const { bytesRead } = await untilAborted(handle.read(chunk, 0, chunk.length, null), signal);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_CONFIG_FILE_BYTES) throw tooLarge(path, `over ${MAX_CONFIG_FILE_BYTES} bytes`);
      chunks.push(chunk.subarray(0, bytesRead));
    }
  } catch (error) {
    if (error instanceof ConnectorError || signal?.aborted) throw error;
    throw unreadable(path, error);
  } finally {
    // A read blocked on a pipe may still be pending after an abort: do not wait for it.
    handle.close().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `work`, or the signal's reason as soon as it aborts (the work itself is left to finish). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function unreadable(path: string, error: unknown): ConnectorError {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
  return new ConnectorError(`config file ${path} ${reason} (--config / BATON_CONFIG_PATH)`, { code: 'invalid-argument' });
}

/** YAML's spellings of null, which the failsafe schema leaves as text. */
const YAML_NULLS = new Set(['~', 'null', 'Null', 'NULL']);

/** Drops keys whose value is YAML null (`key:`, `key: ~`, `key: null`): they mean "not set". */
function withoutNulls(mapping: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(mapping).filter(([, value]) => !(typeof value === 'string' && YAML_NULLS.has(value))));
}

/** Lines that look like a mapping key (`name:` at any indentation): an upper bound on the keys. */
function keyLines(text: string): number {
  return text.match(/^[ \t-]*[^\s#:][^:\n]*:(?:[ \t]|$)/gm)?.length ?? 0;
}

function tooLarge(path: string, what: string): ConnectorError {
  return new ConnectorError(
    `config file ${path} is too large (${what}); a config holds the flags' values only (--config / BATON_CONFIG_PATH)`,
    { code: 'invalid-argument' },
  );
}
