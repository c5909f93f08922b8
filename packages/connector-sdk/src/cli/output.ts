import { once } from 'node:events';
import { terminalSafeJson } from '../log/plain-text.js';

/** Whether a stream is an interactive terminal. */
export function isTty(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/**
 * Writes text to a stream, waiting for `drain` when the stream's buffer is full, so streaming
 * a large listing to a slow pipe never piles up in memory.
 */
export class TextOutput {
  /** `signal` stops a long listing: the next write throws once it is aborted. */
  constructor(
    readonly stream: NodeJS.WritableStream,
    private readonly signal?: AbortSignal,
  ) {}

  /** Whether the stream is an interactive terminal. */
  get isTty(): boolean {
    return isTty(this.stream);
  }

  /** Writes `text` as is. */
  async write(text: string): Promise<void> {
    this.signal?.throwIfAborted();
    if (!this.stream.write(text)) await once(this.stream, 'drain', this.signal ? { signal: this.signal } : {});
  }

  /** Writes `text` and a newline. */
  line(text = ''): Promise<void> {
    return this.write(`${text}\n`);
  }
}

/** How listings are printed: aligned tables for people, JSON for programs. */
export type OutputFormat = 'table' | 'json';

/**
 * The output format: what `--output` asks for (`console` is Baton's name for `table`), else a
 * table when stdout is a terminal and JSON when it is piped (what `| jq` expects).
 */
export function chooseOutputFormat(requested: string | undefined, stdout: NodeJS.WritableStream): OutputFormat {
  if (requested === 'json' || requested === 'table') return requested;
  if (requested === 'console') return 'table';
  return isTty(stdout) ? 'table' : 'json';
}

/**
 * `JSON.stringify` that also handles bigints (as strings) and bytes (as base64), with every
 * character a terminal could act on escaped (the same JSON value).
 */
export function toJson(value: unknown, indent?: number): string {
  return terminalSafeJson(
    JSON.stringify(
      value,
      (_key, item: unknown) => {
        if (typeof item === 'bigint') return item.toString();
        if (item instanceof Uint8Array) return Buffer.from(item).toString('base64');
        return item;
      },
      indent,
    ),
  );
}

/** Streams `items` as one JSON array, one element per line. */
export async function writeJsonArray(out: TextOutput, items: Iterable<unknown>): Promise<number> {
  let count = 0;
  await out.write('[');
  for (const item of items) {
    await out.write(`${count === 0 ? '\n' : ',\n'}${toJson(item)}`);
    count++;
  }
  await out.line(count === 0 ? ']' : '\n]');
  return count;
}
