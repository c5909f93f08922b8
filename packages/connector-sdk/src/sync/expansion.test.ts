import { describe, expect, it } from 'vitest';
import { annotation } from '../model/annotations.js';
import { defineResourceType, entitlement, grant, groupResource, userResource } from '../model/builders.js';
import type { Grant, Resource } from '../model/types.js';
import { runSync } from './engine.js';
import { fakeConnector } from './fixtures.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { fakeClock } from '../testing/fake-clock.js';

const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const groupType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });

/** A member of a group: a user id, or a nested group with its expansion rule. */
type Member = string | { group: string; shallow?: boolean; resourceTypeIds?: string[] };

/** Syncs a directory whose groups have the given members and returns the grants by id. */
async function syncDirectory(
  groups: Record<string, Member[]>,
  users: string[],
): Promise<{ grants: Map<string, Grant>; expandedGrants: number }> {
  const userById = new Map(users.map((id) => [id, userResource({ type: userType, id, displayName: id })]));
  const groupById = new Map(Object.keys(groups).map((id) => [id, groupResource({ type: groupType, id, displayName: id })]));
  const member = (g: Resource) => entitlement({ resource: g, slug: 'member', purpose: 'ASSIGNMENT' });
  const connector = fakeConnector([
    { type: userType, resources: [...userById.values()] },
    {
      type: groupType,
      resources: [...groupById.values()],
      entitlements: (g) => [member(g)],
      grants: (g) =>
        groups[g.id.resource]!.map((m) => {
          if (typeof m === 'string') return grant({ entitlement: member(g), principal: userById.get(m)! });
          const nested = groupById.get(m.group)!;
          return grant({
            entitlement: member(g),
            principal: nested,
            annotations: [
              annotation('c1.connector.v2.GrantExpandable', {
                entitlementIds: [member(nested).id],
                ...(m.shallow !== undefined && { shallow: m.shallow }),
                ...(m.resourceTypeIds && { resourceTypeIds: m.resourceTypeIds }),
              }),
            ],
          });
        }),
    },
  ]);
  const store = createMemoryStore();
  const summary = await runSync({ connector, store, timing: fakeClock() });
  const grants = new Map([...store.grants({ syncId: summary.syncId })].map((g) => [g.id, g]));
  expect(summary.grants).toBe(grants.size);
  return { grants, expandedGrants: summary.expandedGrants };
}

/** The user ids holding a group's membership. */
function usersOf(grants: Map<string, Grant>, groupId: string): string[] {
  return [...grants.values()]
    .filter((g) => g.entitlement.id === `group:${groupId}:member` && g.principal.id.resourceType === 'user')
    .map((g) => g.principal.id.resource)
    .sort();
}

describe('grant expansion', () => {
  it('gives nested groups’ members the outer memberships', async () => {
    // outer ⊃ inner ⊃ leaf, u1 in outer and leaf.
    const { grants, expandedGrants } = await syncDirectory(
      { outer: ['u1', { group: 'inner' }], inner: ['u2', { group: 'leaf' }], leaf: ['u1', 'u3'] },
      ['u1', 'u2', 'u3'],
    );
    expect(usersOf(grants, 'outer')).toEqual(['u1', 'u2', 'u3']);
    expect(usersOf(grants, 'inner')).toEqual(['u1', 'u2', 'u3']);
    const derived = grants.get('group:outer:member:user:u3')!;
    // u3 holds inner only through leaf, so the source is not direct.
    expect(derived.sources).toEqual({ 'group:inner:member': { isDirect: false } });
    expect(derived.annotations).toContainEqual({ $type: 'c1.connector.v2.GrantImmutable' });
    // u2 holds inner directly: Baton marks that source direct.
    expect(grants.get('group:outer:member:user:u2')!.sources).toEqual({ 'group:inner:member': { isDirect: true } });
    // u1 is in outer directly and through inner: the direct grant keeps saying so and gains the source.
    expect(grants.get('group:outer:member:user:u1')!.sources).toEqual({
      'group:outer:member': { isDirect: true },
      'group:inner:member': { isDirect: false },
    });
    // Direct grants nothing flowed into stay untouched.
    expect(grants.get('group:leaf:member:user:u3')!.sources).toBeUndefined();
    expect(expandedGrants).toBe([...grants.values()].filter((g) => g.sources && !g.sources[g.entitlement.id]).length);
  });

  it('collapses a cycle as Baton does: nothing flows between its members, all of them flow out', async () => {
    // a ⊃ b ⊃ c ⊃ a, and d ⊃ c outside the cycle.
    const { grants } = await syncDirectory(
      { a: ['u1', 'u2', { group: 'b' }], b: ['u2', { group: 'c' }], c: ['u3', { group: 'a' }], d: ['u4', { group: 'c' }] },
      ['u1', 'u2', 'u3', 'u4'],
    );
    expect(usersOf(grants, 'a')).toEqual(['u1', 'u2']);
    expect(usersOf(grants, 'b')).toEqual(['u2']);
    expect(usersOf(grants, 'c')).toEqual(['u3']);
    expect(usersOf(grants, 'd')).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(grants.has('group:a:member:group:a')).toBe(false);
    expect(grants.get('group:d:member:user:u2')!.sources).toEqual({
      'group:a:member': { isDirect: true },
      'group:b:member': { isDirect: true },
    });
    expect(grants.get('group:d:member:group:a')!.sources).toEqual({ 'group:c:member': { isDirect: true } });
  });

  it('passes on only direct holders over a shallow edge', async () => {
    // outer ⊃ mid (shallow); mid ⊃ inner (deep).
    const { grants } = await syncDirectory(
      { outer: ['u1', { group: 'mid', shallow: true }], mid: ['u2', { group: 'inner' }], inner: ['u3'] },
      ['u1', 'u2', 'u3'],
    );
    expect(usersOf(grants, 'mid')).toEqual(['u2', 'u3']);
    // u3 holds mid only through expansion, so it does not reach outer.
    expect(usersOf(grants, 'outer')).toEqual(['u1', 'u2']);
    // The group inner holds mid directly, so the shallow edge passes it on.
    expect(grants.has('group:outer:member:group:inner')).toBe(true);
  });

  it('passes on only the principal types an edge names', async () => {
    const { grants } = await syncDirectory(
      { top: [{ group: 'eng', resourceTypeIds: ['user'] }], eng: ['u1', { group: 'sub' }], sub: ['u2'] },
      ['u1', 'u2'],
    );
    expect(usersOf(grants, 'top')).toEqual(['u1', 'u2']);
    expect(grants.has('group:top:member:group:sub')).toBe(false);
    // Without a filter, group principals flow too.
    expect(grants.has('group:eng:member:group:sub')).toBe(true);
  });

  it('fails a sync whose nesting is more than 20 levels deep, as Baton does', async () => {
    const nest = (levels: number): Record<string, Member[]> => {
      const groups: Record<string, Member[]> = {};
      for (let i = 0; i <= levels; i++) groups[`g${i}`] = i === levels ? ['u1'] : [{ group: `g${i + 1}` }];
      return groups;
    };
    const { grants } = await syncDirectory(nest(20), ['u1']);
    expect(grants.has('group:g0:member:user:u1')).toBe(true);
    await expect(syncDirectory(nest(21), ['u1'])).rejects.toThrow(/more than 20 levels deep.*shorten/);
  });

  it('ignores a source entitlement that is not on the grant’s principal', async () => {
    const connector = fakeConnector([
      { type: userType, resources: [userResource({ type: userType, id: 'u1', displayName: 'u1' })] },
      {
        type: groupType,
        resources: ['x', 'y'].map((id) => groupResource({ type: groupType, id, displayName: id })),
        entitlements: (g) => [entitlement({ resource: g, slug: 'member', purpose: 'ASSIGNMENT' })],
        grants: (g) =>
          g.id.resource === 'x'
            ? [
                grant({
                  entitlement: { resource: g, slug: 'member' },
                  principal: { resourceType: 'group', resource: 'y' },
                  annotations: [annotation('c1.connector.v2.GrantExpandable', { entitlementIds: ['group:x:member'] })],
                }),
              ]
            : [grant({ entitlement: { resource: g, slug: 'member' }, principal: { resourceType: 'user', resource: 'u1' } })],
      },
    ]);
    const store = createMemoryStore();
    const summary = await runSync({ connector, store, timing: fakeClock() });
    expect(summary.expandedGrants).toBe(0);
    expect(summary.grants).toBe(2);
  });
});
