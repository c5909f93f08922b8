import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../connector/contract.js';
import { isConnectorError } from '../errors/connector-error.js';
import { bearerAuth } from '../http/auth.js';
import { installMockAgent, JSON_HEADERS, type InstalledMockAgent } from '../testing/mock-agent.js';
import { provisioningGuard } from '../kits/provisioning.js';
import { silentLogger } from '../log/logger.js';
import { runConnectorInMemory } from '../testing/harness.js';
import { testRuntime } from '../testing/test-runtime.js';
import { createScimClient } from './client.js';
import { scimErrorMessage } from './errors.js';
import { scimEmails, scimGroupResource, scimUserResource } from './mapping.js';
import { scimMembershipProvisioner } from './provisioner.js';
import { SCIM_SCHEMAS } from './schemas.js';
import { scimGroupResourceType, scimGroupSyncer, scimUserResourceType, scimUserSyncer } from './syncers.js';

const ORIGIN = 'https://scim.kit.test';
const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger });

let mock: InstalledMockAgent;
beforeEach(() => {
  mock = installMockAgent();
});
afterEach(async () => {
  await mock.restore();
});

function scimClient(provisioning = false) {
  const runtime = testRuntime({ provisioning });
  const http = runtime.httpClient({
    service: 'Acme',
    baseUrl: `${ORIGIN}/scim/v2`,
    auth: bearerAuth('kit-token-8d1e'),
    errorMessage: scimErrorMessage,
  });
  return { runtime, scim: createScimClient({ http }) };
}

function kitConnector(provisioning = false): Connector {
  const { runtime, scim } = scimClient(provisioning);
  const provisioner = scimMembershipProvisioner({
    scim,
    service: 'Acme',
    userResourceType: scimUserResourceType,
    guard: provisioningGuard(runtime),
  });
  return {
    metadata: { displayName: 'Acme' },
    validate: async () => [],
    resourceSyncers: [scimUserSyncer({ scim, pageSize: 2 }), scimGroupSyncer({ scim, service: 'Acme', pageSize: 2, provisioner })],
  };
}

const list = (items: unknown[], total: number, startIndex: number) => ({
  schemas: [SCIM_SCHEMAS.listResponse],
  totalResults: total,
  startIndex,
  Resources: items,
});
function reply(path: string, query: Record<string, string> | undefined, body: unknown, status = 200): void {
  mock.agent
    .get(ORIGIN)
    .intercept({ path, method: 'GET', ...(query && { query }) })
    .reply(status, body as object, { headers: JSON_HEADERS });
}
const user = (n: number, extra: object = {}) => ({
  id: `u${n}`,
  userName: `user${n}@acme.test`,
  name: { givenName: `G${n}`, familyName: `F${n}` },
  ...extra,
});
const group = (id: string, members: string[]) => ({
  id,
  displayName: `Group ${id}`,
  members: members.map((value) => ({ value, type: 'User' })),
});

describe('SCIM mapping', () => {
  it('maps a user: emails deduplicated with one primary, login, status and profile; extra profile entries added', () => {
    const resource = scimUserResource(
      { id: 'u1', userName: 'ada@acme.test', active: false, emails: [{ value: 'a@x.test' }, { value: 'a@x.test' }], title: ' CTO ' },
      { resourceType: scimUserResourceType, extraProfile: { department: 'R&D' } },
    );
    expect(resource.displayName).toBe('ada@acme.test');
    expect(resource.profile).toEqual({
      login: 'ada@acme.test',
      user_id: 'u1',
      userName: 'ada@acme.test',
      active: false,
      email: 'a@x.test',
      title: 'CTO',
      department: 'R&D',
    });
    expect(scimEmails({ id: 'u2', userName: 'bob@acme.test' })).toEqual([{ address: 'bob@acme.test', isPrimary: true }]);
  });

  it('names a group without a display name after the service', () => {
    expect(scimGroupResource({ id: 'g7' }, { resourceType: scimGroupResourceType, service: 'Acme' }).displayName).toBe('Acme group g7');
  });
});

describe('SCIM syncers', () => {
  it('syncs users and groups page by page, one member grant per inline user member, no request per group', async () => {
    reply('/scim/v2/Users', { startIndex: '1', count: '2' }, list([user(1), user(2)], 3, 1));
    reply('/scim/v2/Users', { startIndex: '3', count: '2' }, list([user(3)], 3, 3));
    reply(
      '/scim/v2/Groups',
      { startIndex: '1', count: '2' },
      list([group('g1', ['u1', 'u3']), { ...group('g2', []), members: [{ value: 'g1', type: 'Group' }, { display: 'x' }] }], 2, 1),
    );
    const sync = await runConnectorInMemory(kitConnector());
    mock.agent.assertNoPendingInterceptors();
    expect(sync.resources.map((r) => r.id.resource)).toEqual(['u1', 'u2', 'u3', 'g1', 'g2']);
    expect(sync.entitlements.map((e) => e.id)).toEqual(['group:g1:member', 'group:g2:member']);
    expect(sync.grants.map((g) => g.id)).toEqual(['group:g1:member:user:u1', 'group:g1:member:user:u3']);
  });

  it('reads a group listed without members once, and none listed with members (even an empty list)', async () => {
    reply('/scim/v2/Users', { startIndex: '1', count: '2' }, list([user(1), user(2)], 2, 1));
    reply('/scim/v2/Groups', { startIndex: '1', count: '2' }, list([{ id: 'g1', displayName: 'Omitted' }, group('g2', [])], 2, 1));
    reply('/scim/v2/Groups/g1', undefined, group('g1', ['u2']));
    const sync = await runConnectorInMemory(kitConnector());
    mock.agent.assertNoPendingInterceptors();
    expect(sync.grants.map((g) => g.id)).toEqual(['group:g1:member:user:u2']);
  });

  it('reads a group again when its members are not in memory (a resumed sync)', async () => {
    reply('/scim/v2/Groups/g1', undefined, group('g1', ['u2']));
    const syncer = kitConnector().resourceSyncers[1];
    const grants = await syncer?.grants?.(scimGroupResource(group('g1', []), { resourceType: scimGroupResourceType, service: 'Acme' }), {
      pageToken: '',
      ctx: ctx(),
    });
    expect(grants?.items.map((g) => g.id)).toEqual(['group:g1:member:user:u2']);
  });
});

describe('SCIM membership provisioner', () => {
  const groupResource = scimGroupResource(group('g1', []), { resourceType: scimGroupResourceType, service: 'Acme' });
  const principal = scimUserResource(user(1), { resourceType: scimUserResourceType });
  const memberEntitlement = {
    id: 'group:g1:member',
    resource: groupResource,
    slug: 'member',
    displayName: 'm',
    purpose: 'ASSIGNMENT' as const,
    grantableTo: [],
    annotations: [],
  };
  const provisioner = (provisioning = true) => kitConnector(provisioning).resourceSyncers[1]?.provisioner;

  it('adds a member with PATCH, and reports already-exists without a PATCH when the user is a member', async () => {
    reply('/scim/v2/Groups/g1', undefined, group('g1', []));
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g1', method: 'PATCH', body: (text) => JSON.parse(text).Operations[0].value[0].value === 'u1' })
      .reply(204, '');
    expect((await provisioner()?.grant(principal, memberEntitlement, ctx()))?.outcome).toBe('granted');
    reply('/scim/v2/Groups/g1', undefined, group('g1', ['u1']));
    expect(await provisioner()?.grant(principal, memberEntitlement, ctx())).toEqual({ outcome: 'already-exists' });
    mock.agent.assertNoPendingInterceptors();
  });

  it('revokes: already-revoked for a non-member and for a group that is gone', async () => {
    const grantValue = { id: 'group:g1:member:user:u1', entitlement: memberEntitlement, principal, annotations: [] };
    reply('/scim/v2/Groups/g1', undefined, group('g1', ['u2']));
    expect(await provisioner()?.revoke(grantValue, ctx())).toEqual({ outcome: 'already-revoked' });
    reply('/scim/v2/Groups/g1', undefined, { detail: 'not found', status: '404' }, 404);
    expect(await provisioner()?.revoke(grantValue, ctx())).toEqual({ outcome: 'already-revoked' });
  });

  it('refuses without --provisioning and refuses other entitlements, before any request', async () => {
    const refused = await provisioner(false)
      ?.grant(principal, memberEntitlement, ctx())
      .catch((e: unknown) => e);
    expect(isConnectorError(refused, 'failed-precondition')).toBe(true);
    const other = await provisioner()
      ?.grant(principal, { ...memberEntitlement, slug: 'admin' }, ctx())
      .catch((e: unknown) => e);
    expect((other as Error).message).toBe('Acme groups have only the "member" entitlement, not "admin"');
  });
});
