import { installMockAgent, runConnectorInMemory, testRuntime, type InstalledMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acmeScimConnector } from './connector.js';

const ORIGIN = 'https://acme.example';
const config = { 'acme-scim-base-url': `${ORIGIN}/scim/v2`, 'acme-scim-token': 'scim-example-token' };
const ctx = () => ({ signal: new AbortController().signal, logger: testRuntime().logger });
const listOf = (Resources: object[]) => ({ totalResults: Resources.length, startIndex: 1, Resources });
const ada = { id: 'u1', userName: 'ada@acme.example', name: { givenName: 'Ada', familyName: 'Lovelace' }, active: true };
const admins = { id: 'g1', displayName: 'Admins', members: [{ value: 'u1', type: 'User' }] };

describe('SCIM example connector', () => {
  let mock: InstalledMockAgent;
  beforeEach(() => {
    mock = installMockAgent();
  });
  afterEach(() => mock.restore());

  const reply = (path: string, query: Record<string, string>, body: object, status = 200) =>
    mock.agent
      .get(ORIGIN)
      .intercept({ path, method: 'GET', query })
      .reply(status, body, { headers: { 'content-type': 'application/scim+json' } });

  it('syncs users, groups and memberships from the kit', async () => {
    reply('/scim/v2/Users', { count: '1' }, listOf([ada]));
    reply('/scim/v2/Users', { startIndex: '1', count: '100' }, listOf([ada]));
    reply('/scim/v2/Groups', { startIndex: '1', count: '100' }, listOf([admins]));
    const sync = await runConnectorInMemory(await acmeScimConnector.create(config, testRuntime()));
    mock.agent.assertNoPendingInterceptors();
    expect(sync.resources.map((r) => r.displayName)).toEqual(['Ada Lovelace', 'Admins']);
    expect(sync.grants.map((g) => g.id)).toEqual(['group:g1:member:user:u1']);
  });

  it('explains a 403 with the declared hint', async () => {
    reply('/scim/v2/Users', { count: '1' }, { detail: 'forbidden', status: '403' }, 403);
    const connector = await acmeScimConnector.create(config, testRuntime());
    await expect(connector.validate(ctx())).rejects.toThrow(
      'cannot list users: Acme denied GET /Users to the SCIM token (403: forbidden) - give the token behind --acme-scim-token / BATON_ACME_SCIM_TOKEN the SCIM admin role',
    );
  });

  it('grants a membership only with --provisioning', async () => {
    const connector = await acmeScimConnector.create(config, testRuntime({ provisioning: false }));
    const provisioner = connector.resourceSyncers[1]?.provisioner;
    const group = { id: { resourceType: 'group', resource: 'g1' }, displayName: 'Admins', annotations: [] };
    const member = {
      id: 'group:g1:member',
      resource: group,
      slug: 'member',
      displayName: 'm',
      purpose: 'ASSIGNMENT' as const,
      grantableTo: [],
      annotations: [],
    };
    const user = { id: { resourceType: 'user', resource: 'u2' }, displayName: 'Bob', annotations: [] };
    await expect(provisioner?.grant(user, member, ctx())).rejects.toThrow('granting group membership needs --provisioning');
  });
});
