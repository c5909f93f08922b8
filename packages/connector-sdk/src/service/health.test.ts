import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from './health.js';

describe('the health endpoint', () => {
  let server: HealthServer | undefined;

  afterEach(async () => {
    await server?.close();
  });

  it('is live at once and ready only once C1 answered Hello, on 127.0.0.1', async () => {
    server = await startHealthServer(0, '127.0.0.1');
    const status = async (path: string): Promise<number> => (await fetch(`http://127.0.0.1:${server?.port}${path}`)).status;
    expect(await status('/live')).toBe(200);
    expect(await status('/ready')).toBe(503);
    expect(await status('/health')).toBe(503);
    server.setReady(true);
    expect(await status('/ready')).toBe(200);
    expect(await status('/health')).toBe(200);
    expect(await status('/other')).toBe(404);
  });
});
