import { installMockAgent, runConnectorInMemory, testRuntime, type InstalledMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acmeJsonApiConnector } from './connector.js';

const ORIGIN = 'https://api.acme.example';
const config = { 'acme-api-key': 'jsonapi-example-key', 'acme-base-url': `${ORIGIN}/v1` };
const HEADERS = { headers: { 'content-type': 'application/vnd.api+json' } };
const user = (id: string, first: string) => ({
  id,
  type: 'users',
  attributes: { email: `${first.toLowerCase()}@acme.example`, 'first-name': first, 'last-name': 'Example', role: 'admin' },
  relationships: { department: { data: { type: 'departments', id: 'd1' } } },
});

describe('JSON:API example connector', () => {
  let mock: InstalledMockAgent;
  beforeEach(() => {
    mock = installMockAgent();
  });
  afterEach(() => mock.restore());

  const reply = (path: string, query: Record<string, string>, body: object, status = 200) =>
    mock.agent
      .get(ORIGIN)
      .intercept({ path, method: 'GET', query, headers: { authorization: 'Token token=jsonapi-example-key' } })
      .reply(status, body, HEADERS);

  it('syncs users over links.next with included departments, and team memberships', async () => {
    reply('/v1/users', { 'page[size]': '1' }, { data: [user('1', 'Ada')], links: { next: `${ORIGIN}/v1/users?page[number]=2` } });
    reply(
      '/v1/users',
      { include: 'department', 'page[size]': '30' },
      {
        data: [user('1', 'Ada')],
        included: [{ id: 'd1', type: 'departments', attributes: { name: 'Research' } }],
        links: { next: `${ORIGIN}/v1/users?include=department&page%5Bnumber%5D=2&page%5Bsize%5D=30` },
      },
    );
    reply(
      '/v1/users',
      { include: 'department', 'page[number]': '2', 'page[size]': '30' },
      { data: [user('2', 'Bob')], links: { self: 'x' } },
    );
    reply(
      '/v1/teams',
      { include: 'users', 'page[number]': '1', 'page[size]': '30' },
      {
        data: [{ id: 't1', type: 'teams', attributes: { name: 'Ops' }, relationships: { users: { data: [{ type: 'users', id: '2' }] } } }],
        meta: { 'page-count': 1, 'record-count': 1 },
      },
    );
    const sync = await runConnectorInMemory(await acmeJsonApiConnector.create(config, testRuntime()));
    mock.agent.assertNoPendingInterceptors();
    expect(sync.resources.map((r) => [r.displayName, r.profile])).toEqual([
      ['Ada Example', { email: 'ada@acme.example', role: 'admin', department: 'Research' }],
      ['Bob Example', { email: 'bob@acme.example', role: 'admin' }],
      ['Ops', undefined],
    ]);
    expect(sync.grants.map((g) => g.id)).toEqual(['team:t1:member:user:2']);
  });

  it('shows the JSON:API error and the declared hint', async () => {
    reply('/v1/users', { 'page[size]': '1' }, { errors: [{ title: 'Forbidden', detail: 'key is read-only' }] }, 403);
    const connector = await acmeJsonApiConnector.create(config, testRuntime());
    await expect(connector.validate({ signal: new AbortController().signal, logger: testRuntime().logger })).rejects.toThrow(
      'cannot list users: Acme denied GET /users to the API key (403: Forbidden: key is read-only) - --acme-api-key / BATON_ACME_API_KEY needs an admin key with read access',
    );
  });
});
