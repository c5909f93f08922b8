import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from './client.js';

/** A loopback API and a loopback forward proxy (CONNECT and absolute-form) that counts what it relays. */
let api: Server;
let proxy: Server;
let proxied: string[];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

beforeEach(async () => {
  proxied = [];
  api = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url }));
  });
  proxy = createServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket, head) => {
    proxied.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const target = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.write(head);
      target.pipe(socket);
      socket.pipe(target);
    });
    target.on('error', () => socket.destroy());
  });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  api.closeAllConnections();
  proxy.closeAllConnections();
  await Promise.all([api, proxy].map((server) => new Promise((resolve) => server.close(resolve))));
});

const Echo = v.object({ path: v.string() });

describe('proxy from the environment', () => {
  it('sends requests through HTTP_PROXY', async () => {
    const [apiUrl, proxyUrl] = await Promise.all([listen(api), listen(proxy)]);
    vi.stubEnv('HTTP_PROXY', proxyUrl);
    vi.stubEnv('NO_PROXY', '');
    const http = createHttpClient({ service: 'local', baseUrl: apiUrl, userAgent: 'x/1' });
    expect((await http.get('users', { schema: Echo })).data).toEqual({ path: '/users' });
    await http.close();
    expect(proxied).toHaveLength(1);
    expect(proxied[0]).toContain(new URL(apiUrl).host);
  });

  it('goes direct to hosts listed in NO_PROXY', async () => {
    const [apiUrl, proxyUrl] = await Promise.all([listen(api), listen(proxy)]);
    vi.stubEnv('HTTP_PROXY', proxyUrl);
    vi.stubEnv('NO_PROXY', '127.0.0.1');
    const http = createHttpClient({ service: 'local', baseUrl: apiUrl, userAgent: 'x/1' });
    expect((await http.get('users', { schema: Echo })).data).toEqual({ path: '/users' });
    await http.close();
    expect(proxied).toEqual([]);
  });
});
