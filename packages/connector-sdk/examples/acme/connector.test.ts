import {
  assertNoPendingInterceptors,
  describeConformance,
  runConnectorInMemory,
  testRuntime,
  useMockAgent,
  type MockAgent,
} from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acmeConnector } from './connector.js';

const ORIGIN = 'https://api.acme.example';
const runtime = testRuntime({ userAgent: 'baton-acme/test' });
const connector = () => acmeConnector.create({ 'acme-api-key': 'test-key', 'acme-base-url': `${ORIGIN}/v1` }, runtime);

// Serves a tiny Acme tenant: two users, one group with one member. Each request is expected once.
function mockAcme(agent: MockAgent): void {
  const api = agent.get(ORIGIN);
  const reply = (path: string, body: object, limit = 100) =>
    api
      .intercept({ path, method: 'GET', query: { offset: '0', limit: String(limit) }, headers: { authorization: 'Bearer test-key' } })
      .reply(200, body);
  const ada = { id: 'u1', name: 'Ada', email: 'ada@acme.example', active: true };
  const bob = { id: 'u2', name: 'Bob', email: 'bob@acme.example', active: false };
  reply('/v1/users', [ada], 1); // validate(), which every sync starts with
  reply('/v1/users', [ada, bob]);
  reply('/v1/groups', [{ id: 'g1', name: 'Admins' }]);
  reply('/v1/groups/g1/members', [ada]);
}

describe('acme connector', () => {
  // A fresh MockAgent for each test: unmocked requests fail, nothing reaches the network.
  const mock = useMockAgent({ beforeEach, afterEach });

  it('syncs users, groups and memberships', async () => {
    mockAcme(mock.agent);
    const sync = await runConnectorInMemory(await connector());
    assertNoPendingInterceptors(mock.agent);
    expect(sync.resources.map((r) => r.displayName)).toEqual(['Ada', 'Bob', 'Admins']);
    expect(sync.grants.map((g) => g.id)).toEqual(['group:g1:member:user:u1']);
  });
});

describeConformance('acme', async () => ({ connector: await connector(), intercept: mockAcme }), { describe, it });
