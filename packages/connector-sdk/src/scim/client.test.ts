import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConnectorError, type ConnectorError } from '../errors/connector-error.js';
import { createHttpClient } from '../http/client.js';
import { bearerAuth } from '../http/auth.js';
import type { HttpClient } from '../http/types.js';
import { fakeClock } from '../testing/fake-clock.js';
import { installMockAgent, JSON_HEADERS, type InstalledMockAgent } from '../testing/mock-agent.js';
import { createScimClient, type ScimRoute } from './client.js';
import { scimErrorMessage } from './errors.js';
import { SCIM_SCHEMAS, scimEnterpriseUserSchema, scimGroupSchema, scimUserSchema } from './schemas.js';

const ORIGIN = 'https://scim.example.test';
const BASE = `${ORIGIN}/scim/v2`;
const TOKEN = 'scim-test-token-91b2';

let mock: InstalledMockAgent;
beforeEach(() => {
  mock = installMockAgent();
});
afterEach(async () => {
  await mock.restore();
});

function http(overrides: { rateLimit?: { requests: number; intervalMs: number } } = {}): HttpClient {
  return createHttpClient({
    service: 'Acme',
    baseUrl: BASE,
    auth: bearerAuth(TOKEN),
    credential: { name: 'SCIM token', key: 'acme-scim-token', setting: '--acme-scim-token / BATON_ACME_SCIM_TOKEN' },
    userAgent: 'baton-acme/0.0.0-test',
    errorMessage: scimErrorMessage,
    retry: { maxAttempts: 1 },
    timing: fakeClock(),
    ...overrides,
  });
}

const user = (index: number) => ({
  schemas: [SCIM_SCHEMAS.user],
  id: `u${index}`,
  userName: `user${index}@acme.test`,
  name: { givenName: `Given${index}`, familyName: `Family${index}` },
  emails: [{ value: `user${index}@acme.test`, type: 'work', primary: true }],
  active: true,
});

function interceptUsers(startIndex: number, count: number, total: number, extra: Record<string, string> = {}): void {
  const items = Array.from({ length: Math.max(0, Math.min(count, total - startIndex + 1)) }, (_, i) => user(startIndex + i));
  mock.agent
    .get(ORIGIN)
    .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: String(startIndex), count: String(count), ...extra } })
    .reply(
      200,
      { schemas: [SCIM_SCHEMAS.listResponse], totalResults: total, startIndex, itemsPerPage: items.length, Resources: items },
      { headers: JSON_HEADERS },
    );
}

function replyError(method: string, path: string, status: number, body: unknown): void {
  mock.agent
    .get(ORIGIN)
    .intercept({ path, method })
    .reply(status, body as object, { headers: JSON_HEADERS });
}

describe('SCIM client listing', () => {
  it('pages with startIndex and count until totalResults, one request per page', async () => {
    const scim = createScimClient({ http: http() });
    interceptUsers(1, 1000, 2001);
    interceptUsers(1001, 1000, 2001);
    interceptUsers(2001, 1000, 2001);
    const ids: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await scim.listPage('Users', token, { schema: scimUserSchema, count: 1000 });
      ids.push(...page.items.map((item) => item.id));
      token = page.nextPageToken ?? '';
      pages += 1;
    } while (token !== '');
    expect(pages).toBe(3);
    expect(ids).toHaveLength(2001);
    expect(new Set(ids).size).toBe(2001);
    mock.agent.assertNoPendingInterceptors();
  });

  it('advances by the items received when the server caps count', async () => {
    const scim = createScimClient({ http: http() });
    interceptUsers(1, 100, 150);
    const first = await scim.listPage('Users', '', { schema: scimUserSchema, count: 100 });
    expect(first.items).toHaveLength(100);
    expect(first.nextPageToken).toBe('101');
  });

  it('pages by the items received when the server always reports startIndex 1', async () => {
    const scim = createScimClient({ http: http() });
    for (const start of [1, 11, 21]) {
      const items = Array.from({ length: Math.min(10, 26 - start) }, (_, i) => user(start + i));
      mock.agent
        .get(ORIGIN)
        .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: String(start), count: '10' } })
        .reply(200, { totalResults: 25, startIndex: 1, itemsPerPage: items.length, Resources: items }, { headers: JSON_HEADERS });
    }
    const ids: string[] = [];
    let token = '';
    do {
      const page = await scim.listPage('Users', token, { schema: scimUserSchema, count: 10 });
      ids.push(...page.items.map((item) => item.id));
      token = page.nextPageToken ?? '';
    } while (token !== '');
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `u${i + 1}`));
    mock.agent.assertNoPendingInterceptors();
  });

  it('reads a ListResponse without totalResults, ending only on an empty page', async () => {
    const scim = createScimClient({ http: http() });
    const reply = (start: number, count: number, items: unknown[]) =>
      mock.agent
        .get(ORIGIN)
        .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: String(start), count: String(count) } })
        .reply(200, { schemas: [SCIM_SCHEMAS.listResponse], Resources: items }, { headers: JSON_HEADERS });
    reply(1, 2, [user(1), user(2)]);
    reply(3, 2, [user(3)]);
    const first = await scim.listPage('Users', '', { schema: scimUserSchema, count: 2 });
    expect(first.nextPageToken).toBe('3');
    const second = await scim.listPage('Users', '3', { schema: scimUserSchema, count: 2 });
    expect(second).toEqual({ items: [expect.objectContaining({ id: 'u3' })], nextPageToken: '4' });
    reply(5, 2, []);
    expect(await scim.list('Users', { schema: scimUserSchema, startIndex: 5, count: 2 })).toEqual({ items: [] });
    mock.agent.assertNoPendingInterceptors();
  });

  it('accepts users without userName and group members without value, as the RFC allows', async () => {
    const scim = createScimClient({ http: http() });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '2' } })
      .reply(
        200,
        {
          totalResults: 2,
          Resources: [
            { schemas: [SCIM_SCHEMAS.user], id: 'u1' },
            { id: 'u2', userName: null },
          ],
        },
        { headers: JSON_HEADERS },
      );
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g1', method: 'GET' })
      .reply(
        200,
        { schemas: [SCIM_SCHEMAS.group], id: 'g1', members: [{ type: 'User' }, { value: 'u1', type: 'User' }] },
        { headers: JSON_HEADERS },
      );
    const users = await scim.list('Users', { schema: scimUserSchema, startIndex: 1, count: 2 });
    expect(users.items.map((item) => [item.id, item.userName])).toEqual([
      ['u1', undefined],
      ['u2', null],
    ]);
    const group = await scim.get('Groups', 'g1', { schema: scimGroupSchema });
    expect(group.members?.map((member) => member.value)).toEqual([undefined, 'u1']);
  });

  it('sends a filter, attributes and excluded attributes, and finds one resource by attribute', async () => {
    const scim = createScimClient({ http: http() });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '1', filter: 'userName eq "a\\"b@acme.test"' } })
      .reply(200, { totalResults: 1, Resources: [user(7)] }, { headers: JSON_HEADERS });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups', method: 'GET', query: { startIndex: '1', count: '1', filter: 'displayName eq "None"' } })
      .reply(200, { schemas: [SCIM_SCHEMAS.listResponse], totalResults: 0 }, { headers: JSON_HEADERS });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups', method: 'GET', query: { startIndex: '1', count: '5', excludedAttributes: 'members,meta' } })
      .reply(200, { totalResults: '1', Resources: [{ id: 'g1', displayName: 'Legal' }] }, { headers: JSON_HEADERS });
    expect((await scim.findBy('Users', 'userName', 'a"b@acme.test', { schema: scimUserSchema }))?.id).toBe('u7');
    expect(await scim.findBy('Groups', 'displayName', 'None', { schema: scimGroupSchema })).toBeUndefined();
    const groups = await scim.list('Groups', { schema: scimGroupSchema, startIndex: 1, count: 5, excludedAttributes: ['members', 'meta'] });
    expect(groups).toMatchObject({ totalResults: 1, items: [{ id: 'g1', displayName: 'Legal' }] });
  });

  it('validates items with an extended schema and names the bad field', async () => {
    const schema = v.object({ ...scimUserSchema.entries, [SCIM_SCHEMAS.enterpriseUser]: v.nullish(scimEnterpriseUserSchema) });
    const scim = createScimClient({ http: http() });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '2' } })
      .reply(
        200,
        { totalResults: 2, Resources: [{ ...user(1), [SCIM_SCHEMAS.enterpriseUser]: { department: 'Legal' } }, { userName: 'no-id' }] },
        { headers: JSON_HEADERS },
      );
    const error = (await scim.list('Users', { schema, startIndex: 1, count: 2 }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('internal');
    expect(error.message).toContain('GET /Users');
    expect(error.message).toContain('Resources[1].id');
  });
});

describe('SCIM client changes', () => {
  it('creates a resource and returns what the server made of it', async () => {
    const scim = createScimClient({ http: http() });
    mock.agent
      .get(ORIGIN)
      .intercept({
        path: '/scim/v2/Users',
        method: 'POST',
        body: (text) => (JSON.parse(text) as { userName?: string }).userName === 'new@acme.test',
      })
      .reply(201, { ...user(9), userName: 'new@acme.test' }, { headers: JSON_HEADERS });
    const created = await scim.create('Users', { schemas: [SCIM_SCHEMAS.user], userName: 'new@acme.test' }, { schema: scimUserSchema });
    expect(created).toMatchObject({ id: 'u9', userName: 'new@acme.test' });
  });

  it('sends PATCH operations in a PatchOp body, and accepts 204 or 200 with the resource', async () => {
    const scim = createScimClient({ http: http() });
    const bodies = new Map<string, unknown>();
    const record = (id: string) => (text: string) => {
      bodies.set(id, JSON.parse(text));
      return true;
    };
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g%201', method: 'PATCH', body: record('g 1') })
      .reply(204, '');
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g2', method: 'PATCH', body: record('g2') })
      .reply(200, { id: 'g2', displayName: 'Sales', members: [] }, { headers: JSON_HEADERS });
    mock.agent.get(ORIGIN).intercept({ path: '/scim/v2/Groups/g3', method: 'PATCH' }).reply(204, '');
    const add = { op: 'add' as const, path: 'members', value: [{ value: 'u1' }] };
    expect(await scim.patch('Groups', 'g 1', [add])).toBeUndefined();
    expect(
      await scim.patch('Groups', 'g2', [{ op: 'remove', path: 'members', value: [{ value: 'u1' }] }], { schema: scimGroupSchema }),
    ).toMatchObject({ id: 'g2' });
    expect(await scim.patch('Groups', 'g3', [{ op: 'replace', value: { displayName: 'X' } }], { schema: scimGroupSchema })).toBeUndefined();
    expect(bodies.get('g 1')).toEqual({ schemas: [SCIM_SCHEMAS.patchOp], Operations: [add] });
    expect(bodies.get('g2')).toMatchObject({ Operations: [{ op: 'remove', path: 'members', value: [{ value: 'u1' }] }] });
  });

  it('routes each request to the client chosen for its method and endpoint', async () => {
    const routes: string[] = [];
    const shared = http();
    const scim = createScimClient({
      http: (route: ScimRoute) => {
        routes.push(`${route.method} ${route.endpoint}`);
        return shared;
      },
    });
    mock.agent.get(ORIGIN).intercept({ path: '/scim/v2/Groups/g1', method: 'GET' }).reply(200, { id: 'g1' }, { headers: JSON_HEADERS });
    mock.agent.get(ORIGIN).intercept({ path: '/scim/v2/Users/u1', method: 'PATCH' }).reply(204, '');
    await scim.get('Groups', 'g1', { schema: scimGroupSchema });
    await scim.patch('Users', 'u1', [{ op: 'replace', path: 'active', value: false }]);
    expect(routes).toEqual(['GET Groups', 'PATCH Users']);
  });
});

describe('SCIM errors', () => {
  it('maps the SCIM error body to codes and messages: status as a string, scimType and detail', async () => {
    const scim = createScimClient({ http: http() });
    replyError('GET', '/scim/v2/Users/missing', 404, {
      schemas: [SCIM_SCHEMAS.error],
      status: '404',
      detail: 'Resource missing not found',
    });
    const notFound = (await scim.get('Users', 'missing', { schema: scimUserSchema }).catch((e: unknown) => e)) as ConnectorError;
    expect(notFound.code).toBe('not-found');
    expect(notFound.message).toBe('Acme GET /Users/missing failed with status 404: Resource missing not found');

    replyError('POST', '/scim/v2/Users', 409, {
      schemas: [SCIM_SCHEMAS.error],
      status: '409',
      scimType: 'uniqueness',
      detail: 'User already exists',
    });
    const conflict = await scim.create('Users', { userName: 'x' }, { schema: scimUserSchema }).catch((e: unknown) => e);
    expect(isConnectorError(conflict, 'already-exists')).toBe(true);
    expect((conflict as ConnectorError).apiMessage).toBe('User already exists (uniqueness)');
  });

  it('reads filter errors whose schema list is misspelled as "schema"', async () => {
    const scim = createScimClient({ http: http() });
    replyError('GET', '/scim/v2/Users?startIndex=1&count=1&filter=name.lastName+eq+%22x%22', 400, {
      schema: [SCIM_SCHEMAS.error],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'No matching schema for attribute: name,lastName',
    });
    const error = (await scim.findBy('Users', 'name.lastName', 'x', { schema: scimUserSchema }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('No matching schema for attribute: name,lastName (invalidFilter)');
  });

  it('names the credential on 401 and 403 and never shows it', async () => {
    const scim = createScimClient({ http: http() });
    replyError('GET', '/scim/v2/Groups/g1', 401, { schemas: [SCIM_SCHEMAS.error], status: '401' });
    replyError('GET', '/scim/v2/Groups/g2', 403, { schemas: [SCIM_SCHEMAS.error], status: '403' });
    const unauthenticated = (await scim.get('Groups', 'g1', { schema: scimGroupSchema }).catch((e: unknown) => e)) as ConnectorError;
    expect(unauthenticated.code).toBe('unauthenticated');
    expect(unauthenticated.message).toBe('Acme rejected the SCIM token (401) - check --acme-scim-token / BATON_ACME_SCIM_TOKEN');
    const denied = (await scim.get('Groups', 'g2', { schema: scimGroupSchema }).catch((e: unknown) => e)) as ConnectorError;
    expect(denied.code).toBe('permission-denied');
    expect(denied.message).toContain('--acme-scim-token / BATON_ACME_SCIM_TOKEN');
    expect(`${unauthenticated.message}${denied.message}`).not.toContain(TOKEN);
  });

  it('falls back to the usual fields for bodies that are not SCIM errors', () => {
    expect(scimErrorMessage({ message: 'plain failure' })).toBe('plain failure');
    expect(scimErrorMessage({ status: 500 })).toBeUndefined();
    expect(scimErrorMessage({ status: 400, scimType: 'tooMany' })).toBe('tooMany');
  });
});
