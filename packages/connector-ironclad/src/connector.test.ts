import { capabilitiesOf, silentLogger, type ConnectorError } from '@c1/connector-sdk';
import { fakeClock, assertNoPendingInterceptors, describeConformance, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  ALL_SCOPES,
  capturingLogger,
  CLIENT_SECRET,
  group,
  interceptListing,
  interceptPage,
  interceptToken,
  interceptValidation,
  JSON_HEADERS,
  ORIGIN,
  READ_SCOPES,
  scimError,
  scimHeaders,
  testConnector,
  user,
  userId,
} from '../test/mock-ironclad.js';
import { ironcladConnector } from './connector.js';

const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger });

describe('Ironclad connector', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('is baton-ironclad: accounts and groups, group provisioning and account creation, no deletion', () => {
    expect(ironcladConnector.name).toBe('ironclad');
    const capabilities = capabilitiesOf(testConnector());
    expect([...capabilities.connector].sort()).toEqual(['ACCOUNT_PROVISIONING', 'PROVISION', 'SYNC']);
    expect(capabilities.resourceTypes).toEqual([
      { resourceType: 'user', capabilities: ['SYNC', 'ACCOUNT_PROVISIONING'] },
      { resourceType: 'group', capabilities: ['SYNC', 'PROVISION'] },
    ]);
    expect(capabilities.accountCreation).toEqual({
      supportedCredentialOptions: ['random-password', 'no-password'],
      preferredCredentialOption: 'random-password',
    });
  });

  it('asks for the read scopes only without --provisioning and caches the token across requests', async () => {
    interceptToken(mock.agent, { scope: READ_SCOPES });
    interceptPage(mock.agent, 'Users', 1, 1, 42, [user(1)]);
    interceptPage(mock.agent, 'Groups', 1, 1, 7, [group('g1', [])]);
    const checks = await testConnector().validate(ctx());
    expect(checks).toEqual([
      { name: 'list users', detail: '42 users' },
      { name: 'list groups', detail: '7 groups' },
    ]);
    assertNoPendingInterceptors(mock.agent);
  });

  it('asks for the write scopes too with --provisioning', async () => {
    interceptToken(mock.agent, { scope: ALL_SCOPES });
    interceptPage(mock.agent, 'Users', 1, 1, 1, [user(1)]);
    interceptPage(mock.agent, 'Groups', 1, 1, 0, []);
    await testConnector({ provisioning: true }).validate(ctx());
    assertNoPendingInterceptors(mock.agent);
  });

  it('renews the token before it expires', async () => {
    const clock = fakeClock();
    const connector = testConnector({ timing: clock });
    interceptToken(mock.agent, { expiresIn: 300, token: ACCESS_TOKEN });
    interceptPage(mock.agent, 'Users', 1, 1, 1, [user(1)]);
    interceptPage(mock.agent, 'Groups', 1, 1, 0, []);
    await connector.validate(ctx());
    clock.advance(200_000);
    interceptPage(mock.agent, 'Users', 1, 1, 1, [user(1)]);
    interceptPage(mock.agent, 'Groups', 1, 1, 0, []);
    await connector.validate(ctx());
    assertNoPendingInterceptors(mock.agent);
    clock.advance(41_000);
    interceptToken(mock.agent, { expiresIn: 300, token: 'renewed-token' });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '1' }, headers: scimHeaders('renewed-token') })
      .reply(200, { totalResults: 1, Resources: [user(1)] }, JSON_HEADERS);
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups', method: 'GET', query: { startIndex: '1', count: '1' }, headers: scimHeaders('renewed-token') })
      .reply(200, { totalResults: 0 }, JSON_HEADERS);
    await connector.validate(ctx());
    assertNoPendingInterceptors(mock.agent);
  });

  it('fetches a new token once when a SCIM call answers 401', async () => {
    interceptToken(mock.agent, { token: ACCESS_TOKEN });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '1' }, headers: scimHeaders() })
      .reply(401, scimError(401, 'token revoked'), JSON_HEADERS);
    interceptToken(mock.agent, { token: 'second-token' });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '1' }, headers: scimHeaders('second-token') })
      .reply(200, { totalResults: 3, Resources: [user(1)] }, JSON_HEADERS);
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups', method: 'GET', query: { startIndex: '1', count: '1' }, headers: scimHeaders('second-token') })
      .reply(200, { totalResults: 0 }, JSON_HEADERS);
    expect((await testConnector().validate(ctx()))[0]?.detail).toBe('3 users');
    assertNoPendingInterceptors(mock.agent);
  });

  it('syncs users and groups 1000 per page, with one grant per inline member and no request per group', async () => {
    const users = Array.from({ length: 2345 }, (_, i) => user(i));
    const groups = [group('g1', [0, 1, 2]), group('g2', []), group('g3', [2344])];
    interceptToken(mock.agent);
    interceptValidation(mock.agent);
    expect(interceptListing(mock.agent, 'Users', users)).toBe(3);
    expect(interceptListing(mock.agent, 'Groups', groups)).toBe(1);
    const sync = await runConnectorInMemory(testConnector());
    expect(sync.resources.filter((r) => r.id.resourceType === 'user')).toHaveLength(2345);
    expect(sync.entitlements.map((e) => e.id).sort()).toEqual(['group:g1:member', 'group:g2:member', 'group:g3:member']);
    expect(sync.grants.map((g) => g.id).sort()).toEqual(
      [
        `group:g1:member:user:${userId(0)}`,
        `group:g1:member:user:${userId(1)}`,
        `group:g1:member:user:${userId(2)}`,
        `group:g3:member:user:${userId(2344)}`,
      ].sort(),
    );
    assertNoPendingInterceptors(mock.agent);
  });

  it('maps an account: login, emails, structured name, profile and status', async () => {
    interceptToken(mock.agent);
    interceptValidation(mock.agent);
    interceptListing(mock.agent, 'Users', [user(5), user(6, { active: false, name: { formatted: 'Dr. Six' }, emails: [] })]);
    interceptListing(mock.agent, 'Groups', []);
    const sync = await runConnectorInMemory(testConnector());
    const [five, six] = sync.resources;
    expect(sync.resourceTypes.find((t) => t.id === 'user')?.displayName).toBe('Account');
    expect(five).toMatchObject({
      displayName: 'Given5 Family5',
      profile: {
        userName: 'user5@contoso.test',
        email: 'user5@contoso.test',
        givenName: 'Given5',
        familyName: 'Family5',
        title: 'Counsel',
        department: 'Legal',
        provider: 'local',
        active: true,
      },
    });
    const trait = five?.annotations.find((a) => a.$type === 'c1.connector.v2.UserTrait');
    expect(trait).toMatchObject({
      login: 'user5@contoso.test',
      emails: [{ address: 'user5@contoso.test', isPrimary: true }],
      status: { status: 'ENABLED' },
      structuredName: { givenName: 'Given5', familyName: 'Family5' },
    });
    expect(six?.displayName).toBe('Dr. Six');
    expect(six?.annotations.find((a) => a.$type === 'c1.connector.v2.UserTrait')).toMatchObject({
      status: { status: 'DISABLED' },
      emails: [{ address: 'user6@contoso.test', isPrimary: true }],
    });
  });

  it('syncs what the API spec allows: users without userName, members without value, no totalResults, a wrong startIndex echo', async () => {
    const bare = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'bare-user' };
    const mailOnly = { id: 'mail-only', userName: null, name: null, emails: [{ value: 'm@contoso.test', type: 'work', primary: true }] };
    const users = [bare, mailOnly, ...Array.from({ length: 1000 }, (_, i) => user(i))];
    interceptToken(mock.agent);
    interceptValidation(mock.agent);
    for (const start of [1, 1001]) {
      mock.agent
        .get(ORIGIN)
        .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: String(start), count: '1000' }, headers: scimHeaders() })
        .reply(200, { totalResults: users.length, startIndex: 1, Resources: users.slice(start - 1, start + 999) }, JSON_HEADERS);
    }
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups', method: 'GET', query: { startIndex: '1', count: '1000' }, headers: scimHeaders() })
      .reply(
        200,
        { Resources: [{ schemas: [], id: 'g1', members: [{ type: 'User' }, { type: 'User', value: userId(1) }] }] },
        JSON_HEADERS,
      );
    // Without totalResults only an empty page ends the listing.
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups', method: 'GET', query: { startIndex: '2', count: '1000' }, headers: scimHeaders() })
      .reply(200, { Resources: [] }, JSON_HEADERS);
    const log = capturingLogger();
    const sync = await runConnectorInMemory(testConnector({ logger: log.logger }), { logger: log.logger });
    assertNoPendingInterceptors(mock.agent);
    const accounts = sync.resources.filter((r) => r.id.resourceType === 'user');
    expect(new Set(accounts.map((r) => r.id.resource)).size).toBe(1002);
    const trait = (id: string) =>
      accounts.find((r) => r.id.resource === id)?.annotations.find((a) => a.$type === 'c1.connector.v2.UserTrait');
    expect(accounts.find((r) => r.id.resource === 'bare-user')?.displayName).toBe('bare-user');
    expect(trait('bare-user')).not.toHaveProperty('login');
    expect(accounts.find((r) => r.id.resource === 'mail-only')?.displayName).toBe('m@contoso.test');
    expect(trait('mail-only')).toMatchObject({ login: 'm@contoso.test', emails: [{ address: 'm@contoso.test', isPrimary: true }] });
    expect(sync.grants.map((g) => g.id)).toEqual([`group:g1:member:user:${userId(1)}`]);
    expect(log.text()).toContain('skipped Ironclad group members without a user id');
  });

  it('validates when Ironclad leaves totalResults out of the count probes', async () => {
    interceptToken(mock.agent);
    for (const endpoint of ['Users', 'Groups']) {
      mock.agent
        .get(ORIGIN)
        .intercept({ path: `/scim/v2/${endpoint}`, method: 'GET', query: { startIndex: '1', count: '1' }, headers: scimHeaders() })
        .reply(200, { Resources: [] }, JSON_HEADERS);
    }
    expect((await testConnector().validate(ctx())).map((check) => check.detail)).toEqual(['users readable', 'groups readable']);
    assertNoPendingInterceptors(mock.agent);
  });

  it('reads a group once when its members are not in memory (a resumed sync)', async () => {
    const connector = testConnector();
    const groups = connector.resourceSyncers.find((s) => s.resourceType.id === 'group');
    interceptToken(mock.agent);
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g7', method: 'GET', headers: scimHeaders() })
      .reply(200, group('g7', [3, 4]), JSON_HEADERS);
    const resource = { id: { resourceType: 'group', resource: 'g7' }, displayName: 'Group g7', annotations: [] };
    const page = await groups?.grants?.(resource, { pageToken: '', ctx: ctx() });
    expect(page?.items.map((g) => g.principal.id.resource)).toEqual([userId(3), userId(4)]);
    assertNoPendingInterceptors(mock.agent);
  });
});

describe('Ironclad error messages', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('names --ic-client-secret when Ironclad refuses the secret (403 unauthorized_client)', async () => {
    interceptToken(mock.agent, { status: 403, body: { error: 'unauthorized_client', error_description: 'client authentication failed' } });
    const error = (await testConnector()
      .validate(ctx())
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('permission-denied');
    expect(error.message).toContain('unauthorized_client');
    expect(error.message).toContain('--ic-client-secret / BATON_IC_CLIENT_SECRET');
    expect(error.message).not.toContain(CLIENT_SECRET);
  });

  it('names --ic-client-id too when the client is unknown (401)', async () => {
    interceptToken(mock.agent, { status: 401, body: { error: 'invalid_client', error_description: 'invalid client' } });
    const error = (await testConnector()
      .validate(ctx())
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toContain('--ic-client-secret / BATON_IC_CLIENT_SECRET');
    expect(error.message).toContain('--ic-client-id / BATON_IC_CLIENT_ID');
  });

  it('lists the scopes when the OAuth app does not allow them (400 invalid_scope)', async () => {
    interceptToken(mock.agent, {
      scope: ALL_SCOPES,
      status: 400,
      body: { error: 'invalid_scope', error_description: 'scope not allowed' },
    });
    const error = (await testConnector({ provisioning: true })
      .validate(ctx())
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toContain(ALL_SCOPES);
  });

  it('explains a SCIM 403: the acting user must be an admin', async () => {
    interceptToken(mock.agent);
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '1' } })
      .reply(403, scimError(403), JSON_HEADERS);
    const error = (await testConnector()
      .validate(ctx())
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('permission-denied');
    expect(error.message).toMatch(/^cannot list users: Ironclad denied GET \/Users .*\(403\)/);
    expect(error.message).toContain('--ic-as-user-email / BATON_IC_AS_USER_EMAIL');
    expect(error.message).toContain('admin');
  });

  it('keeps a 401 that survives the renewal as a message naming the secret', async () => {
    interceptToken(mock.agent, { times: 2 });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Users', method: 'GET', query: { startIndex: '1', count: '1' } })
      .reply(401, scimError(401), JSON_HEADERS)
      .times(2);
    const error = (await testConnector()
      .validate(ctx())
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toBe(
      'cannot list users: Ironclad rejected the client credentials (401) - check --ic-client-secret / BATON_IC_CLIENT_SECRET',
    );
  });

  it('says which group is missing (404 with the SCIM detail)', async () => {
    interceptToken(mock.agent, { scope: ALL_SCOPES });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/gone', method: 'GET' })
      .reply(404, scimError(404, 'Resource gone not found'), JSON_HEADERS);
    const connector = testConnector({ provisioning: true });
    const provisioner = connector.resourceSyncers.find((s) => s.resourceType.id === 'group')?.provisioner;
    const groupResource = { id: { resourceType: 'group', resource: 'gone' }, displayName: 'Gone', annotations: [] };
    const principal = { id: { resourceType: 'user', resource: userId(1) }, displayName: 'U', annotations: [] };
    const entitlement = {
      id: 'group:gone:member',
      resource: groupResource,
      displayName: 'm',
      grantableTo: [],
      annotations: [],
      purpose: 'ASSIGNMENT' as const,
      slug: 'member',
    };
    const error = (await provisioner?.grant(principal, entitlement, ctx()).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('Ironclad GET /Groups/gone failed with status 404: Resource gone not found');
  });
});

describeConformance(
  'ironclad',
  () => ({
    connector: testConnector(),
    intercept(agent) {
      interceptToken(agent);
      interceptValidation(agent);
      interceptListing(
        agent,
        'Users',
        Array.from({ length: 1500 }, (_, i) => user(i)),
      );
      interceptListing(agent, 'Groups', [group('g1', [0, 1, 1499]), group('g2', []), group('g3', [7])]);
    },
  }),
  { describe, it },
);
