import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';

/** A self-signed certificate for 127.0.0.1, made with the openssl command when it is installed. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const args = [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ];
    execFileSync('openssl', args, { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const certificate = selfSignedCertificate();
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe.skipIf(certificate === undefined)('an API whose TLS certificate is not trusted', () => {
  it('fails at once, saying the certificate is not trusted and how to trust a CA', async () => {
    let handshakes = 0;
    server = createServer({ ...certificate }, (_req, res) => res.end('{}'));
    server.on('connection', () => handshakes++);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const http = createHttpClient({ service: 'local', baseUrl: `https://127.0.0.1:${port}`, userAgent: 'x/1' });
    const failure = http.get('users', { schema: v.object({}) });
    await expect(failure).rejects.toMatchObject({ code: 'failed-precondition', endpoint: 'GET /users', attempts: 1 });
    await expect(failure).rejects.toThrow(
      /^local GET \/users failed: the server's TLS certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\); .*set NODE_EXTRA_CA_CERTS/,
    );
    await http.close();
    expect(handshakes).toBe(1);
  });
});
