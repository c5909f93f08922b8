import { createServer, type Server } from 'node:http';

/** The health endpoint of a service-mode connector. */
export interface HealthServer {
  /** Marks the connector ready: C1 answered Hello. */
  setReady(ready: boolean): void;
  /** The port it listens on (useful when started on port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /live` (200 while the process runs), and `/ready` and `/health` (200 once C1
 * answered Hello, 503 before), as baton-sdk's health check names them.
 */
export async function startHealthServer(port: number, host: string): Promise<HealthServer> {
  let ready = false;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const ok = path === '/live' || ((path === '/ready' || path === '/health') && ready);
    const known = path === '/live' || path === '/ready' || path === '/health';
    response.writeHead(known ? (ok ? 200 : 503) : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: known ? (ok ? 'ok' : 'not ready') : 'not found' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    setReady: (value) => (ready = value),
    port: typeof address === 'object' && address !== null ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
