import { describe, expect, it } from 'vitest';
import { annotation } from '../model/annotations.js';
import { entitlement, grant, groupResource, userResource } from '../model/builders.js';
import { createMemoryStore } from './memory-store.js';

const alice = userResource({ type: 'user', id: 1, displayName: 'Alice' });
const admins = groupResource({ type: 'group', id: 'g1', displayName: 'Admins' });
const member = entitlement({ resource: admins, slug: 'member', purpose: 'ASSIGNMENT' });

describe('createMemoryStore', () => {
  it('upserts objects by id within a sync and keeps syncs apart', () => {
    const store = createMemoryStore();
    const first = store.startSync();
    store.putResources(first, [alice, admins]);
    store.putResources(first, [{ ...alice, displayName: 'Alice B.' }]);
    const second = store.startSync();
    store.putResources(second, [admins]);
    expect([...store.resources({ syncId: first })].map((r) => r.displayName)).toEqual(['Alice B.', 'Admins']);
    expect(store.stats(first).resources).toEqual({ user: 1, group: 1 });
    expect(store.stats(second).resources).toEqual({ group: 1 });
    expect(store.resource(second, alice.id)).toBeUndefined();
  });

  it('filters grants by entitlement, principal and expandability', () => {
    const store = createMemoryStore();
    const syncId = store.startSync();
    store.putGrants(syncId, [
      grant({ entitlement: member, principal: alice }),
      grant({
        entitlement: member,
        principal: admins,
        annotations: [annotation('c1.connector.v2.GrantExpandable', { entitlementIds: ['group:g1:member'] })],
      }),
    ]);
    expect([...store.grants({ syncId, principalId: alice.id })].map((g) => g.id)).toEqual(['group:g1:member:user:1']);
    expect([...store.grants({ syncId, expandable: true })].map((g) => g.id)).toEqual(['group:g1:member:group:g1']);
    expect([...store.grants({ syncId, entitlementId: 'group:g1:member', resourceId: admins.id })]).toHaveLength(2);
  });

  it('returns copies, so callers cannot change what is stored', () => {
    const store = createMemoryStore();
    const syncId = store.startSync();
    store.putResources(syncId, [alice]);
    store.resource(syncId, alice.id)!.displayName = 'changed';
    expect(store.resource(syncId, alice.id)!.displayName).toBe('Alice');
  });

  it('abandon() drops everything written since the last checkpoint, like a killed process', () => {
    const store = createMemoryStore();
    const syncId = store.startSync();
    store.putResources(syncId, [alice]);
    store.checkpoint(syncId, '{"at":1}');
    store.putResources(syncId, [{ ...alice, displayName: 'later' }, admins]);
    store.abandon();
    expect([...store.resources({ syncId })].map((r) => r.displayName)).toEqual(['Alice']);
    expect(store.unfinishedSync()).toMatchObject({ syncId, syncToken: '{"at":1}' });

    const unsaved = createMemoryStore();
    unsaved.startSync();
    unsaved.abandon();
    expect(unsaved.syncs()).toEqual([]);
  });

  it('keeps the current and two previous full syncs when a sync ends', () => {
    const store = createMemoryStore();
    const ids = Array.from({ length: 5 }, () => {
      const id = store.startSync();
      store.endSync(id);
      return id;
    });
    expect(store.syncs().map((run) => run.syncId)).toEqual(ids.slice(2));
    expect(store.latestFinishedSync()?.syncId).toBe(ids[4]);
    expect(store.unfinishedSync()).toBeUndefined();
  });
});
