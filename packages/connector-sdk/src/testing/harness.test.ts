import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector, ResourceSyncer } from '../connector/contract.js';
import { createHttpClient } from '../http/client.js';
import { defineResourceType, entitlement, grant, groupResource, userResource } from '../model/builders.js';
import { checkConformance } from './conformance.js';
import { runConnectorInMemory } from './harness.js';
import { installMockAgent, type InstalledMockAgent } from './mock-agent.js';

const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const groupType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });

function connectorWith(users: ResourceSyncer['list'], validate: Connector['validate'] = async () => []): Connector {
  const groups: ResourceSyncer = {
    resourceType: groupType,
    list: async () => ({ items: [groupResource({ type: groupType, id: 'g1', displayName: 'Ops' })] }),
    entitlements: async (group) => ({
      items: [entitlement({ resource: group, slug: 'member', purpose: 'ASSIGNMENT', grantableTo: [userType] })],
    }),
    grants: async (group) => ({
      items: [grant({ entitlement: { resource: group, slug: 'member' }, principal: { resourceType: 'user', resource: 'u1' } })],
    }),
  };
  return { metadata: { displayName: 'test' }, validate, resourceSyncers: [{ resourceType: userType, list: users }, groups] };
}

const user = (id: string) => userResource({ type: userType, id, displayName: id });

describe('runConnectorInMemory', () => {
  let mock: InstalledMockAgent | undefined;
  afterEach(async () => {
    await mock?.restore();
    mock = undefined;
  });

  it('returns everything the engine wrote, with the summary', async () => {
    const sync = await runConnectorInMemory(
      connectorWith(async ({ pageToken }) => (pageToken === '' ? { items: [user('u1')], nextPageToken: 'p2' } : { items: [user('u2')] })),
    );
    expect(sync.resourceTypes.map((t) => t.id).sort()).toEqual(['group', 'user']);
    expect(sync.resources.map((r) => r.id.resource).sort()).toEqual(['g1', 'u1', 'u2']);
    expect(sync.entitlements.map((e) => e.id)).toEqual(['group:g1:member']);
    expect(sync.grants.map((g) => g.id)).toEqual(['group:g1:member:user:u1']);
    expect(sync.summary).toMatchObject({ resources: 3, entitlements: 1, grants: 1 });
    expect(sync.paging.pages.get('list user')).toBe(2);
    expect(checkConformance(sync)).toEqual([]);
  });

  it('ends and reports a listing that returns the token it was given', async () => {
    let calls = 0;
    const sync = await runConnectorInMemory(
      connectorWith(async ({ pageToken }) => {
        calls += 1;
        return { items: [user(`u${calls}`)], nextPageToken: pageToken === '' ? 'same' : pageToken };
      }),
    );
    expect(calls).toBe(2);
    expect(checkConformance(sync)).toEqual([{ rule: 'pagination', message: 'list user: page 2 returned the token it was given' }]);
  });

  it('ends and reports a listing that never ends', async () => {
    let calls = 0;
    const sync = await runConnectorInMemory(
      connectorWith(async () => {
        calls += 1;
        return { items: [user(`u${calls}`)], nextPageToken: String(calls) };
      }),
      { maxPagesPerListing: 5 },
    );
    expect(calls).toBe(5);
    expect(checkConformance(sync).map((violation) => violation.message)).toEqual(['list user: still had a next page after 5 pages']);
  });

  it('fails at once, naming the request, when a request is not mocked', async () => {
    mock = installMockAgent();
    const client = createHttpClient({ service: 'acme', baseUrl: 'https://api.acme.test', userAgent: 't/1' });
    const connector = connectorWith(
      async () => ({ items: [] }),
      async () => {
        await client.get('users', { schema: v.unknown() });
        return [];
      },
    );
    await expect(runConnectorInMemory(connector)).rejects.toMatchObject({
      code: 'failed-precondition',
      message: expect.stringMatching(/^acme GET \/users failed: .*(not matched|net\.connect disabled)/i),
    });
  });
});
