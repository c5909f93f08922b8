import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dripBody,
  gzipBombBody,
  jsonBody,
  oversizeBody,
  startHostileServer,
  TERMINAL_ATTACK,
  type HostileServer,
} from './hostile-server.js';

let server: HostileServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The raw bytes and headers of one GET, as sent on the wire (no decompression). */
function rawGet(
  url: string,
): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer; headersAfterMs: number; endAfterMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const headersAfterMs = Date.now() - started;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () =>
        resolve({ headers: response.headers, body: Buffer.concat(parts), headersAfterMs, endAfterMs: Date.now() - started }),
      );
    }).on('error', reject);
  });
}

describe('the hostile server', () => {
  it('drips a body byte by byte after sending the headers at once', async () => {
    server = await startHostileServer({ '/slow': () => dripBody('[1,2]', { intervalMs: 40 }) });
    const reply = await rawGet(`${server.origin}/slow`);
    expect(reply.body.toString()).toBe('[1,2]');
    expect(reply.endAfterMs).toBeGreaterThanOrEqual(5 * 40 - 10);
    expect(reply.headersAfterMs).toBeLessThan(reply.endAfterMs - 3 * 40);
  });

  it('tells a route how many times it was asked, so it can repeat a page or never end', async () => {
    server = await startHostileServer({
      '/pages': ({ count, query }) => jsonBody({ count, next: `p${count + 1}`, asked: query.get('page') }),
    });
    const first = await fetch(`${server.origin}/pages?page=a`);
    const second = await fetch(`${server.origin}/pages?page=b`);
    expect(await first.json()).toEqual({ count: 1, next: 'p2', asked: 'a' });
    expect(await second.json()).toEqual({ count: 2, next: 'p3', asked: 'b' });
    expect((await fetch(`${server.origin}/other`)).status).toBe(404);
    expect(server.requests('/pages')).toBe(2);
    expect(server.requests()).toBe(3);
  });

  it('sends an oversize JSON body chunked, or with its length announced', async () => {
    server = await startHostileServer({
      '/chunked': () => oversizeBody(1024 * 1024),
      '/announced': () => oversizeBody(1024 * 1024, { declareLength: true }),
    });
    const chunked = await rawGet(`${server.origin}/chunked`);
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(chunked.body.length).toBeGreaterThan(1000 * 1024);
    expect((JSON.parse(chunked.body.toString()) as unknown[]).at(-1)).toBe('end');
    const announced = await rawGet(`${server.origin}/announced`);
    expect(announced.headers['content-length']).toBe(String(announced.body.length));
  });

  it.each(['gzip', 'deflate', 'br'] as const)('sends a small %s body that inflates to the size asked for', async (encoding) => {
    const inflated = 8 * 1024 * 1024;
    server = await startHostileServer({ '/bomb': () => gzipBombBody(inflated, { encoding }) });
    const raw = await rawGet(`${server.origin}/bomb`);
    expect(raw.headers['content-encoding']).toBe(encoding);
    expect(raw.body.length).toBeLessThan(inflated / 100);
    const decoded = await (await fetch(`${server.origin}/bomb`)).text();
    expect(decoded.length).toBe(inflated);
    expect(JSON.parse(decoded)).toHaveLength(1);
  });

  it('offers text holding the control characters a terminal acts on', () => {
    for (const control of ['\u001b]', '\u001b[', '\u0007', '\r', '\u009b']) expect(TERMINAL_ATTACK).toContain(control);
  });
});
