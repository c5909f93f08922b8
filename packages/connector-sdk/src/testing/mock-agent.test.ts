import * as v from 'valibot';
import { getGlobalDispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConnectorError } from '../errors/connector-error.js';
import { createHttpClient } from '../http/client.js';
import {
  assertNoPendingInterceptors,
  createMockAgent,
  installMockAgent,
  isMockNotMatchedError,
  useMockAgent,
  type InstalledMockAgent,
  type MockAgent,
} from './mock-agent.js';

const client = (baseUrl: string) => createHttpClient({ service: 'acme', baseUrl, userAgent: 'guard-test/1.0', retry: { maxAttempts: 1 } });

describe('MockAgent guard', () => {
  let mock: InstalledMockAgent | undefined;
  afterEach(async () => {
    await mock?.restore();
    mock = undefined;
  });

  it('fails a request no interceptor matches instead of sending it, without retrying', async () => {
    mock = installMockAgent();
    const error = await createHttpClient({ service: 'acme', baseUrl: 'https://unmocked.example.com', userAgent: 'guard-test/1.0' })
      .get('users', { schema: v.unknown() })
      .catch((e: unknown) => e);
    expect(isConnectorError(error, 'failed-precondition')).toBe(true);
    expect(isMockNotMatchedError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/net\.connect disabled|not matched/);
  });

  it('fails an unmocked request even without a test agent (the per-worker guard)', async () => {
    const error = await client('https://unmocked.example.com')
      .get('users', { schema: v.unknown() })
      .catch((e: unknown) => e);
    expect(isMockNotMatchedError(error)).toBe(true);
  });

  it('serves an intercepted request and reports interceptors left unused', async () => {
    const installed = installMockAgent();
    mock = installed;
    const pool = installed.agent.get('https://api.acme.test');
    pool.intercept({ path: '/users', method: 'GET' }).reply(200, [{ id: 1 }]);
    pool.intercept({ path: '/groups', method: 'GET' }).reply(200, []);
    const response = await client('https://api.acme.test').get('users', { schema: v.array(v.object({ id: v.number() })) });
    expect(response.data).toEqual([{ id: 1 }]);
    expect(() => assertNoPendingInterceptors(installed.agent)).toThrow(/\/groups/);
  });
});

describe('useMockAgent', () => {
  const guard = getGlobalDispatcher();
  const mock = useMockAgent({ beforeEach, afterEach });
  const seen: MockAgent[] = [];

  it('installs an agent for each test as the global dispatcher', async () => {
    seen.push(mock.agent);
    expect(getGlobalDispatcher()).toBe(mock.agent);
    mock.agent.get('https://api.acme.test').intercept({ path: '/users', method: 'GET' }).reply(200, []);
    const response = await client('https://api.acme.test').get('users', { schema: v.array(v.unknown()) });
    expect(response.data).toEqual([]);
  });

  it('gives the next test a fresh agent, and puts the previous dispatcher back after each', () => {
    seen.push(mock.agent);
    expect(seen[1]).not.toBe(seen[0]);
    expect(guard).not.toBe(mock.agent);
  });
});

describe('createMockAgent', () => {
  it('makes an agent, not installed, that refuses unmocked requests', async () => {
    const agent = createMockAgent();
    try {
      expect(getGlobalDispatcher()).not.toBe(agent);
      const error = await agent.request({ origin: 'https://unmocked.example.com', path: '/', method: 'GET' }).catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/net\.connect disabled|not matched/);
    } finally {
      await agent.close();
    }
  });
});
