import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvHttpProxyAgent, MockAgent } from 'undici';
import { ConnectorError } from '../errors/connector-error.js';
import { createHttpClient } from './client.js';
import { selectDispatcher } from './dispatcher.js';
import { installMockAgent, JSON_HEADERS, type InstalledMockAgent } from '../testing/mock-agent.js';

describe('mock guard', () => {
  let mock: InstalledMockAgent;
  beforeEach(() => {
    mock = installMockAgent();
  });
  afterEach(async () => {
    await mock.restore();
  });

  it('fails a request nobody mocked instead of reaching the network, and does not retry it', async () => {
    const http = createHttpClient({ service: 'example', baseUrl: 'https://unmocked.example', userAgent: 'x/1' });
    const error = await http.get('users', { schema: v.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('failed-precondition');
    expect(String((error as Error).message)).toContain('UND_MOCK_ERR_MOCK_NOT_MATCHED');
  });

  it('routes the client through npm undici fetch, so its MockAgent is consulted whatever undici the runtime bundles', async () => {
    // Node 20/22 bundle undici 6 like the npm package; Node 24 bundles 7. The client never uses
    // the global fetch, so the npm package's global dispatcher (this MockAgent) always applies.
    const { version } = (await import('undici/package.json', { with: { type: 'json' } })).default as { version: string };
    expect(Number(version.split('.')[0])).toBe(6);
    expect(process.versions.undici).toMatch(/^\d+\./);
    mock.agent.get('https://probe.example').intercept({ path: '/v', method: 'GET' }).reply(200, { ok: true }, { headers: JSON_HEADERS });
    const http = createHttpClient({ service: 'probe', baseUrl: 'https://probe.example', userAgent: 'x/1' });
    expect((await http.get('v', { schema: v.object({ ok: v.boolean() }) })).data).toEqual({ ok: true });
  });
});

describe('selectDispatcher', () => {
  it('uses the global dispatcher at request time when no proxy is set', () => {
    expect(selectDispatcher(undefined, {})).toBeUndefined();
    expect(selectDispatcher(undefined, { HTTPS_PROXY: '  ' })).toBeUndefined();
  });

  it.each([{ HTTPS_PROXY: 'http://proxy.internal:3128' }, { http_proxy: 'http://proxy.internal:3128' }])(
    'uses an EnvHttpProxyAgent when %o is set',
    async (env) => {
      const dispatcher = selectDispatcher(undefined, env);
      expect(dispatcher).toBeInstanceOf(EnvHttpProxyAgent);
      await dispatcher?.close();
    },
  );

  it('prefers a dispatcher passed explicitly', async () => {
    const explicit = new MockAgent();
    expect(selectDispatcher(explicit, { HTTPS_PROXY: 'http://proxy.internal:3128' })).toBe(explicit);
    await explicit.close();
  });
});
