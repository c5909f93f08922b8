/**
 * A small hostile HTTP server on loopback, for running a connector (its built CLI or its client)
 * against an API that misbehaves the ways real ones do: bodies that drip, pages that never end
 * or repeat, oversize and compressed bodies, text holding terminal control sequences.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Transform } from 'node:stream';
import { createBrotliCompress, createDeflate, createGzip, constants as zlibConstants } from 'node:zlib';

/**
 * Text an API might return to take over an operator's terminal: it retitles the window, clears
 * the screen, moves the cursor home and prints a fake success line, then rings the bell.
 */
export const TERMINAL_ATTACK = '\u001b]0;pwned\u0007\u001b[2J\u001b[Hsync OK\r\u0007\u009b31m';

/** One request as a {@link HostileRoute} sees it. */
export interface HostileRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** 1 for the first request to this route, 2 for the next, and so on. */
  count: number;
}

/** What a route answers. Build one with {@link jsonBody}, {@link dripBody}, {@link oversizeBody} or {@link gzipBombBody}. */
export interface HostileResponse {
  status?: number;
  headers?: Record<string, string>;
  /** The body, sent in chunks `intervalMs` apart (0: at once). */
  chunks: readonly Buffer[];
  intervalMs?: number;
}

/** Answers the requests to one path. */
export type HostileRoute = (request: HostileRequest) => HostileResponse | Promise<HostileResponse>;

/** The running server. */
export interface HostileServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Requests served so far to `path` (every path when left out). */
  requests(path?: string): number;
  close(): Promise<void>;
}

/** A JSON response. */
export function jsonBody(body: unknown, options: { status?: number; headers?: Record<string, string> } = {}): HostileResponse {
  return {
    status: options.status ?? 200,
    headers: { 'content-type': 'application/json', ...options.headers },
    chunks: [Buffer.from(JSON.stringify(body))],
  };
}

/** `body` sent `bytesPerChunk` bytes at a time, `intervalMs` apart: headers at once, then a slow drip. */
export function dripBody(body: string, options: { bytesPerChunk?: number; intervalMs: number }): HostileResponse {
  const bytes = Buffer.from(body);
  const size = options.bytesPerChunk ?? 1;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return { headers: { 'content-type': 'application/json' }, chunks, intervalMs: options.intervalMs };
}

/**
 * A JSON array body of about `bytes` bytes (an endless-looking list of strings), sent chunked;
 * with `declareLength`, its `content-length` is announced up front, as most APIs do.
 */
export function oversizeBody(bytes: number, options: { declareLength?: boolean } = {}): HostileResponse {
  const chunk = Buffer.from(`"${'x'.repeat(1022)}",`);
  const count = Math.max(1, Math.floor(bytes / chunk.length));
  const chunks = [Buffer.from('['), ...Array.from({ length: count }, () => chunk), Buffer.from('"end"]')];
  const length = chunks.reduce((sum, part) => sum + part.length, 0);
  return { headers: { 'content-type': 'application/json', ...(options.declareLength && { 'content-length': String(length) }) }, chunks };
}

/** The `content-encoding` values {@link gzipBombBody} can compress with. */
export type BombEncoding = 'gzip' | 'deflate' | 'br';

const COMPRESSORS: Record<BombEncoding, () => Transform> = {
  gzip: () => createGzip(),
  deflate: () => createDeflate(),
  br: () => createBrotliCompress({ params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
};

const MiB = 1024 * 1024;

/**
 * A small compressed body (`content-encoding: gzip` unless `encoding` says `deflate` or `br`)
 * that inflates to `inflatedBytes` of JSON. It is compressed a mebibyte at a time, so a bomb of
 * gigabytes never has to fit in the test's memory.
 */
export async function gzipBombBody(inflatedBytes: number, options: { encoding?: BombEncoding } = {}): Promise<HostileResponse> {
  const encoding = options.encoding ?? 'gzip';
  const compressor = COMPRESSORS[encoding]();
  const out: Buffer[] = [];
  compressor.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => compressor.on('end', resolve).on('error', reject));
  const block = Buffer.alloc(MiB, 0x61);
  compressor.write('["');
  for (let left = inflatedBytes - 4; left > 0; left -= MiB) compressor.write(left >= MiB ? block : block.subarray(0, left));
  compressor.end('"]');
  await ended;
  return { headers: { 'content-type': 'application/json', 'content-encoding': encoding }, chunks: [Buffer.concat(out)] };
}

/**
 * Starts the server on 127.0.0.1 with `routes` keyed by path (`'/api/users'`); any other path
 * is a 404. Close it when the test is done.
 */
export async function startHostileServer(routes: Record<string, HostileRoute>): Promise<HostileServer> {
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const count = (counts.get(url.pathname) ?? 0) + 1;
    counts.set(url.pathname, count);
    const route = routes[url.pathname];
    const answer = route
      ? Promise.resolve(
          route({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, count }),
        )
      : Promise.resolve(jsonBody({ error: 'not found' }, { status: 404 }));
    request.resume();
    answer.then(
      (hostile) => send(response, hostile),
      (error: unknown) => send(response, jsonBody({ error: String(error) }, { status: 500 })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests: (path) => (path === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(path) ?? 0)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function send(response: ServerResponse, hostile: HostileResponse): Promise<void> {
  response.writeHead(hostile.status ?? 200, hostile.headers ?? {});
  for (const chunk of hostile.chunks) {
    if (response.destroyed) return;
    if (hostile.intervalMs) {
      response.flushHeaders();
      await new Promise((resolve) => setTimeout(resolve, hostile.intervalMs));
    }
    if (response.destroyed) return;
    response.write(chunk);
  }
  response.end();
}
