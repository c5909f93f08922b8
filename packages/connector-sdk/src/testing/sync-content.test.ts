import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSyncStore } from '../c1z/index.js';
import { defineResourceType, entitlement, grant, groupResource, userResource } from '../model/builders.js';
import { readLatestSyncContent } from './sync-content.js';

const user = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const group = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });
const ada = userResource({ type: user, id: 'ada', displayName: 'Ada' });
const bob = userResource({ type: user, id: 'bob', displayName: 'Bob' });
const admins = groupResource({ type: group, id: 'admins', displayName: 'Admins' });
const member = entitlement({ resource: admins, slug: 'member', purpose: 'ASSIGNMENT', grantableTo: [user] });

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sync-content-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes one finished sync of `users` (all members of admins) to `file`. */
async function writeSync(file: string, users: (typeof ada)[]): Promise<void> {
  const store = await openSyncStore(file);
  const syncId = store.startSync();
  store.putResourceTypes(syncId, [user, group]);
  store.putResources(syncId, [...users, admins]);
  store.putEntitlements(syncId, [member]);
  store.putGrants(
    syncId,
    users.map((principal) => grant({ entitlement: member, principal })),
  );
  store.endSync(syncId);
  await store.finish();
}

describe('readLatestSyncContent', () => {
  it('reads the latest finished sync as sorted JSON, so the same content in any order compares equal', async () => {
    const file = join(dir, 'sync.c1z');
    await writeSync(file, [ada]);
    await writeSync(file, [bob, ada]);
    const content = await readLatestSyncContent(file);
    expect(content.resources).toHaveLength(3);
    expect(content.grants).toHaveLength(2);
    expect(content.resources).toEqual([...content.resources].sort());
    expect(content.entitlements.map((item) => JSON.parse(item) as { id: string })).toMatchObject([{ id: member.id }]);

    const reordered = join(dir, 'reordered.c1z');
    await writeSync(reordered, [ada, bob]);
    expect(await readLatestSyncContent(reordered)).toEqual(content);
  });
});
