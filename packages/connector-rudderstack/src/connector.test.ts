import { capabilitiesOf, silentLogger, type ConnectorError } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, describeConformance, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  interceptError,
  interceptGroup,
  interceptList,
  interceptPages,
  interceptValidation,
  listResponse,
  scimGroup,
  scimUser,
  testConnector,
  TOKEN,
} from '../test/mock-rudderstack.js';
import { RUDDERSTACK_PAGE_SIZE, rudderstackConnector } from './connector.js';

const users = (count: number) => Array.from({ length: count }, (_, i) => scimUser(i + 1));
const ids = (resources: { id: { resource: string } }[]) => resources.map((r) => r.id.resource);
const userTrait = (resource: { annotations: { $type: string }[] } | undefined) =>
  resource?.annotations.find((a) => a.$type === 'c1.connector.v2.UserTrait');

describe('RudderStack connector', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('is declared as baton-rudderstack, read-only (SYNC only)', async () => {
    expect(rudderstackConnector.name).toBe('rudderstack');
    expect(capabilitiesOf(await testConnector())).toMatchObject({
      connector: ['SYNC'],
      resourceTypes: [{ capabilities: ['SYNC'] }, { capabilities: ['SYNC'] }],
    });
  });

  it('maps users: userName as login, emails, display name fallbacks, active to status, human accounts', async () => {
    interceptValidation(mock.agent);
    interceptPages(mock.agent, 'Users', [
      scimUser(1),
      scimUser(2, { active: false, displayName: null }),
      { id: 'u3', emails: [{ value: 'other@acme.test' }, { value: 'three@acme.test', primary: true }] },
      { id: 'u4' },
    ]);
    interceptPages(mock.agent, 'Groups', []);
    const sync = await runConnectorInMemory(await testConnector());
    const byId = (id: string) => sync.resources.find((r) => r.id.resource === id);
    expect(byId('u1')?.displayName).toBe('User 1');
    expect(userTrait(byId('u1'))).toMatchObject({
      login: 'user1@acme.test',
      emails: [{ address: 'user1@acme.test', isPrimary: true }],
      status: { status: 'ENABLED' },
      accountType: 'HUMAN',
    });
    expect(byId('u2')?.displayName).toBe('user2@acme.test');
    expect(userTrait(byId('u2'))).toMatchObject({ status: { status: 'DISABLED' } });
    expect(byId('u3')?.displayName).toBe('three@acme.test');
    expect(userTrait(byId('u3'))).toMatchObject({
      emails: [
        { address: 'other@acme.test', isPrimary: false },
        { address: 'three@acme.test', isPrimary: true },
      ],
    });
    expect(byId('u4')?.displayName).toBe('u4');
    expect(byId('u1')?.profile).toMatchObject({ userName: 'user1@acme.test', email: 'user1@acme.test', active: true });
    assertNoPendingInterceptors(mock.agent);
  });

  it('reads inline members without a request per group, and one GET per group listed without members', async () => {
    interceptValidation(mock.agent);
    interceptPages(mock.agent, 'Users', users(3));
    interceptPages(mock.agent, 'Groups', [scimGroup(1, [1, 2]), scimGroup(2, undefined), scimGroup(3, [])]);
    interceptGroup(mock.agent, scimGroup(2, [3]));
    const sync = await runConnectorInMemory(await testConnector());
    expect(sync.entitlements.map((e) => e.id)).toEqual(['group:g1:member', 'group:g2:member', 'group:g3:member']);
    expect(sync.grants.map((g) => g.id).sort()).toEqual(['group:g1:member:user:u1', 'group:g1:member:user:u2', 'group:g2:member:user:u3']);
    assertNoPendingInterceptors(mock.agent);
  });

  it('pages an exact multiple of the page size without an extra request', async () => {
    interceptValidation(mock.agent);
    interceptPages(mock.agent, 'Users', users(2 * RUDDERSTACK_PAGE_SIZE));
    interceptPages(mock.agent, 'Groups', []);
    const sync = await runConnectorInMemory(await testConnector());
    expect(new Set(ids(sync.resources)).size).toBe(2 * RUDDERSTACK_PAGE_SIZE);
    assertNoPendingInterceptors(mock.agent);
  });

  it('advances by the items received when the server caps pages below the requested count', async () => {
    interceptValidation(mock.agent);
    interceptPages(mock.agent, 'Users', users(250), { serverCap: 100 });
    interceptPages(mock.agent, 'Groups', []);
    const sync = await runConnectorInMemory(await testConnector());
    expect(ids(sync.resources)).toEqual(users(250).map((u) => u.id));
    assertNoPendingInterceptors(mock.agent);
  });

  it('without totalResults, reads on until an empty page, so capped pages lose no user', async () => {
    interceptValidation(mock.agent);
    interceptPages(mock.agent, 'Users', users(250), { serverCap: 100, totalResults: false, emptyLastPage: true });
    interceptPages(mock.agent, 'Groups', [], { totalResults: false });
    const sync = await runConnectorInMemory(await testConnector());
    expect(ids(sync.resources)).toEqual(users(250).map((u) => u.id));
    assertNoPendingInterceptors(mock.agent);
  });

  it('fails on an empty page before totalResults rather than writing a listing without the users after it', async () => {
    interceptValidation(mock.agent);
    interceptList(mock.agent, 'Users', 1, RUDDERSTACK_PAGE_SIZE, listResponse(users(3), 5));
    interceptList(mock.agent, 'Users', 4, RUDDERSTACK_PAGE_SIZE, listResponse([], 5));
    const error = (await runConnectorInMemory(await testConnector()).catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toContain('no Resources though totalResults is 5');
  });

  it.each([
    [
      401,
      'Unauthorized',
      /^cannot list users: .*401.* - needs an organization-level Service Access Token .*--rudderstack-scim-token \/ BATON_RUDDERSTACK_SCIM_TOKEN/,
    ],
    [
      403,
      'Workspace-level tokens cannot access the SCIM API',
      /^cannot list users: .*403.* - needs an organization-level Service Access Token/,
    ],
    [403, 'SCIM is not enabled for this organization', /^cannot list users: .*403.* - SCIM needs the Enterprise plan with SSO/],
    [404, 'Not Found', /^cannot list users: .*404.* - check --rudderstack-scim-base-url \/ BATON_RUDDERSTACK_SCIM_BASE_URL/],
  ])('explains a %i (%s) on /Users', async (status, detail, message) => {
    interceptError(mock.agent, '/scim/v2/Users', status, detail);
    const error = (await (
      await testConnector()
    )
      .validate({ signal: new AbortController().signal, logger: silentLogger })
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(TOKEN);
  });

  it('names the field when a page no longer matches the SCIM shape', async () => {
    interceptValidation(mock.agent);
    interceptPages(mock.agent, 'Users', [scimUser(1), { userName: 'no-id@acme.test' }]);
    const error = (await runConnectorInMemory(await testConnector()).catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toContain('GET /Users');
    expect(error.message).toMatch(/Resources\.\[?1\]?\.id|Resources\[1\]\.id/);
  });
});

describeConformance(
  'rudderstack',
  async () => ({
    connector: await testConnector(),
    intercept(agent) {
      interceptValidation(agent);
      interceptPages(agent, 'Users', users(30));
      interceptPages(agent, 'Groups', [scimGroup(1, [1, 2, 3]), scimGroup(2, undefined)]);
      interceptGroup(agent, scimGroup(2, [4, 5]));
    },
  }),
  { describe, it },
);
