import { entitlement, grant, silentLogger, type ConnectorError, type Provisioner, type Resource } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, installMockAgent, type InstalledMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_SCOPES, group, interceptGroup, interceptToken, ORIGIN, scimHeaders, testConnector, userId } from '../test/mock-ironclad.js';
import { groupResourceType, ironcladGroupResource } from './groups.js';
import { ironcladUserResource, userResourceType } from './users.js';
import { user } from '../test/mock-ironclad.js';
import type { IroncladUser } from './client.js';

const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger });
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function provisionerOf(provisioning: boolean): Provisioner {
  const syncer = testConnector({ provisioning }).resourceSyncers.find((s) => s.resourceType.id === groupResourceType.id);
  if (!syncer?.provisioner) throw new Error('no group provisioner');
  return syncer.provisioner;
}

const groupG1: Resource = ironcladGroupResource({ id: 'g1', displayName: 'Legal Ops Group' });
const member = entitlement({ resource: groupG1, slug: 'member', purpose: 'ASSIGNMENT', grantableTo: [userResourceType] });
const alice = ironcladUserResource(user(1) as IroncladUser);

/** Intercepts one membership PATCH with exactly this body; 204. */
function interceptPatch(mock: InstalledMockAgent, op: 'add' | 'remove', memberId: string): void {
  const expected = JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op, path: 'members', value: [{ value: memberId }] }] });
  mock.agent
    .get(ORIGIN)
    .intercept({ path: '/scim/v2/Groups/g1', method: 'PATCH', headers: scimHeaders(), body: (text) => text === expected })
    .reply(204, '');
}

describe('Ironclad group membership provisioning', () => {
  let mock: InstalledMockAgent;
  beforeEach(() => {
    mock = installMockAgent();
    interceptToken(mock.agent, { scope: ALL_SCOPES });
  });
  afterEach(async () => {
    await mock.restore();
  });

  it('grants group:<id>:member with a SCIM PATCH add after reading the group', async () => {
    interceptGroup(mock.agent, group('g1', [2]));
    interceptPatch(mock, 'add', userId(1));
    const outcome = await provisionerOf(true).grant(alice, member, ctx());
    expect(outcome).toEqual({ outcome: 'granted', grants: [expect.objectContaining({ id: `group:g1:member:user:${userId(1)}` })] });
    assertNoPendingInterceptors(mock.agent);
  });

  it('reports an existing membership as already-exists without changing anything', async () => {
    interceptGroup(mock.agent, group('g1', [1, 2]));
    expect(await provisionerOf(true).grant(alice, member, ctx())).toEqual({ outcome: 'already-exists' });
    assertNoPendingInterceptors(mock.agent);
  });

  it('revokes with PATCH remove and the value array Ironclad documents', async () => {
    interceptGroup(mock.agent, group('g1', [1]));
    interceptPatch(mock, 'remove', userId(1));
    const membership = grant({ entitlement: member, principal: alice });
    expect(await provisionerOf(true).revoke(membership, ctx())).toEqual({ outcome: 'revoked' });
    assertNoPendingInterceptors(mock.agent);
  });

  it('reports a missing membership, or a group that is gone, as already-revoked', async () => {
    interceptGroup(mock.agent, group('g1', [2]));
    const membership = grant({ entitlement: member, principal: alice });
    const provisioner = provisionerOf(true);
    expect(await provisioner.revoke(membership, ctx())).toEqual({ outcome: 'already-revoked' });
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g1', method: 'GET' })
      .reply(404, { status: '404', detail: 'Resource g1 not found' }, { headers: { 'content-type': 'application/json' } });
    expect(await provisioner.revoke(membership, ctx())).toEqual({ outcome: 'already-revoked' });
  });

  it('refuses to change anything without --provisioning, before any request', async () => {
    const mockless = await provisionerOf(false)
      .grant(alice, member, ctx())
      .catch((e: unknown) => e as ConnectorError);
    expect(mockless).toMatchObject({ code: 'failed-precondition' });
    expect((mockless as Error).message).toContain('--provisioning / BATON_PROVISIONING');
    const revoked = await provisionerOf(false)
      .revoke(grant({ entitlement: member, principal: alice }), ctx())
      .catch((e: unknown) => e as ConnectorError);
    expect(revoked).toMatchObject({ code: 'failed-precondition' });
  });

  it('grants only to users and only the member entitlement', async () => {
    const otherGroup = ironcladGroupResource({ id: 'g2', displayName: 'Sales' });
    await expect(provisionerOf(true).grant(otherGroup, member, ctx())).rejects.toMatchObject({ code: 'invalid-argument' });
    const owner = entitlement({ resource: groupG1, slug: 'owner', purpose: 'OWNERSHIP' });
    await expect(provisionerOf(true).grant(alice, owner, ctx())).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('explains a PATCH refused for lack of the update scope', async () => {
    interceptGroup(mock.agent, group('g1', []));
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g1', method: 'PATCH' })
      .reply(
        403,
        { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403' },
        { headers: { 'content-type': 'application/json' } },
      );
    const error = (await provisionerOf(true)
      .grant(alice, member, ctx())
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('permission-denied');
    expect(error.message).toContain('PATCH /Groups/g1');
    expect(error.message).toContain('scim.groups.updateGroups');
  });
});

describe('group mapping', () => {
  it('keeps the display name and externalId, and skips non-user members', () => {
    const resource = ironcladGroupResource({ id: 'g9', displayName: 'Privacy', externalId: '123' });
    expect(resource).toMatchObject({
      id: { resourceType: 'group', resource: 'g9' },
      displayName: 'Privacy',
      profile: { displayName: 'Privacy', externalId: '123' },
    });
    expect(groupResourceType.traits).toEqual(['GROUP']);
  });
});
