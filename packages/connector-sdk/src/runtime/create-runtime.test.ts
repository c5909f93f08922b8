import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineConfig } from '../config/fields.js';
import type { ConnectorError } from '../errors/connector-error.js';
import { bearerAuth } from '../http/auth.js';
import { installMockAgent, JSON_HEADERS, type InstalledMockAgent } from '../testing/mock-agent.js';
import { testRuntime } from '../testing/test-runtime.js';
import { createConnectorRuntime } from './create-runtime.js';
import { runInOperation } from './operation-scope.js';

const ORIGIN = 'https://api.runtime.test';
const TOKEN = 'runtime-test-token-3c1d';
const anything = v.unknown();

let mock: InstalledMockAgent;
beforeEach(() => {
  mock = installMockAgent();
});
afterEach(async () => {
  await mock.restore();
});

const { fields } = defineConfig({
  fields: {
    'acme-api-token': { type: 'string', secret: true, description: 'API token' },
    'acme-admin': { type: 'string', env: 'ACME_ADMIN', description: 'The admin' },
  },
});
type Key = keyof typeof fields;

describe('the runtime HTTP client', () => {
  it('sends the runtime user agent and the declared headers and auth', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({
        path: '/v1/users',
        method: 'GET',
        headers: { 'user-agent': 'baton-acme/1.2.3', authorization: `Bearer ${TOKEN}`, 'x-tenant': 't1' },
      })
      .reply(200, { ok: true }, { headers: JSON_HEADERS });
    const runtime = createConnectorRuntime<Key>({ userAgent: 'baton-acme/1.2.3', timeoutMs: 5_000, fields });
    const http = runtime.httpClient({ service: 'Acme', baseUrl: `${ORIGIN}/v1`, auth: bearerAuth(TOKEN), headers: { 'x-tenant': 't1' } });
    expect((await http.get('users', { schema: anything })).data).toEqual({ ok: true });
  });

  it('cancels a request when the operation it serves is aborted, without the signal being passed', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/v1/slow', method: 'GET' }).reply(200, {}, { headers: JSON_HEADERS }).delay(60_000);
    const http = testRuntime().httpClient({ service: 'Acme', baseUrl: `${ORIGIN}/v1` });
    const operation = new AbortController();
    const pending = runInOperation({ signal: operation.signal, logger: testRuntime().logger }, () =>
      http.get('slow', { schema: anything }),
    );
    operation.abort(new Error('sync stopped'));
    await expect(pending).rejects.toThrow('sync stopped');
  });

  it('names the credential by its config key, with the env override the field declares', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/v1/users', method: 'GET' }).reply(401, { message: 'bad token' }, { headers: JSON_HEADERS });
    const runtime = testRuntime<Key>({ fields });
    const http = runtime.httpClient({ service: 'Acme', baseUrl: `${ORIGIN}/v1`, credential: { name: 'API token', key: 'acme-api-token' } });
    const error = (await http.get('users', { schema: anything }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toBe('Acme rejected the API token (401) - check --acme-api-token / BATON_ACME_API_TOKEN');
    expect(runtime.setting('acme-admin')).toBe('--acme-admin / ACME_ADMIN');
  });

  it('applies declared hints by status: replacing the advice, or appended with settings named', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/v1/users', method: 'GET' }).reply(403, { message: 'nope' }, { headers: JSON_HEADERS });
    mock.agent.get(ORIGIN).intercept({ path: '/v1/teams', method: 'GET' }).reply(404, { message: 'gone' }, { headers: JSON_HEADERS });
    const http = testRuntime<Key>({ fields }).httpClient({
      service: 'Acme',
      baseUrl: `${ORIGIN}/v1`,
      credential: { name: 'API token', key: 'acme-api-token' },
      hints: [
        { status: 403, mode: 'replace', message: (f) => `use a token of an admin; set ${f.setting('acme-api-token')}` },
        { status: 404, message: (f) => `${f.method} ${f.path} needs ${f.setting('acme-admin')}` },
      ],
    });
    const forbidden = (await http.get('users', { schema: anything }).catch((e: unknown) => e)) as ConnectorError;
    expect(forbidden.message).toBe(
      'Acme denied GET /users to the API token (403: nope) - use a token of an admin; set --acme-api-token / BATON_ACME_API_TOKEN',
    );
    expect(forbidden.code).toBe('permission-denied');
    const missing = (await http.get('teams', { schema: anything }).catch((e: unknown) => e)) as ConnectorError;
    expect(missing.message).toBe('Acme GET /teams failed with status 404: gone; GET /teams needs --acme-admin / ACME_ADMIN');
    expect(missing.attempts).toBe(1);
  });

  it('narrows hints by path and by the API message; the first that matches applies', async () => {
    const reply = (path: string, status: number, message: string) =>
      mock.agent
        .get(ORIGIN)
        .intercept({ path: `/v1/${path}`, method: 'GET' })
        .reply(status, { message }, { headers: JSON_HEADERS });
    reply('users', 404, 'no route');
    reply('teams/7', 404, 'gone');
    reply('users', 403, 'plan lacks this');
    reply('users', 403, 'nope');
    const http = testRuntime({ fields }).httpClient({
      service: 'Acme',
      baseUrl: `${ORIGIN}/v1`,
      hints: [
        { status: 404, path: '/users', mode: 'replace', message: 'check the base URL' },
        { status: 403, apiMessage: /plan/, mode: 'replace', message: 'upgrade the plan' },
        { status: 403, mode: 'replace', message: 'use an admin token' },
      ],
    });
    const message = async (path: string) => ((await http.get(path, { schema: anything }).catch((e: unknown) => e)) as Error).message;
    expect(await message('users')).toBe('Acme GET /users failed with status 404: no route - check the base URL');
    expect(await message('teams/7')).toBe('Acme GET /teams/7 failed with status 404: gone');
    expect(await message('users')).toBe('Acme GET /users failed with status 403: plan lacks this - upgrade the plan');
    expect(await message('users')).toBe('Acme GET /users failed with status 403: nope - use an admin token');
  });

  it('retries with the runtime policy, not one the connector passes', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/v1/users', method: 'GET' }).reply(503, {}, { headers: JSON_HEADERS }).times(3);
    const http = testRuntime({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } }).httpClient({
      service: 'Acme',
      baseUrl: `${ORIGIN}/v1`,
    });
    const error = (await http.get('users', { schema: anything }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.attempts).toBe(3);
  });

  it('reads no more of a body than the declared maxResponseBytes', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/v1/users', method: 'GET' })
      .reply(200, JSON.stringify('x'.repeat(2048)), { headers: JSON_HEADERS });
    const http = testRuntime().httpClient({ service: 'Acme', baseUrl: `${ORIGIN}/v1`, maxResponseBytes: 1024 });
    const error = (await http.get('users', { schema: anything }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toBe(
      'Acme GET /users returned a response body larger than 1 KiB, the most this client reads (maxResponseBytes); stopped reading it',
    );
  });
});
