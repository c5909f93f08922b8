import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { annotation } from '../model/annotations.js';
import { defineResourceType, entitlement, grant, groupResource, userResource } from '../model/builders.js';
import { C1zDatabase } from './c1z-database.js';

/** More than one page of every listing, so the first-page and next-page queries both run. */
const ROWS = 1200;

const USER = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const GROUP = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });

let db: DatabaseSync;
let database: C1zDatabase;
let syncId: string;

beforeEach(() => {
  db = new DatabaseSync(':memory:');
  database = new C1zDatabase(db, ':memory:');
  database.initWritable();
  syncId = database.startSync();
  const group = groupResource({ type: GROUP, id: 'g1', displayName: 'Group' });
  const member = entitlement({ resource: group, slug: 'member', purpose: 'ASSIGNMENT' });
  // Written in an order unlike their ids' sort order.
  const users = Array.from({ length: ROWS }, (_, i) => userResource({ type: USER, id: `u${(i * 7919) % ROWS}`, displayName: `User ${i}` }));
  database.putResourceTypes(syncId, [USER, GROUP]);
  database.putResources(syncId, [group, ...users]);
  database.putEntitlements(syncId, [
    member,
    ...Array.from({ length: ROWS }, (_, i) => entitlement({ resource: group, slug: `e${i}`, purpose: 'PERMISSION' })),
  ]);
  database.putGrants(
    syncId,
    users.map((principal) =>
      grant({
        entitlement: member,
        principal,
        annotations: [annotation('c1.connector.v2.GrantExpandable', { entitlementIds: ['group:g2:member'] })],
      }),
    ),
  );
  database.checkpoint(syncId, '{}');
});
afterEach(() => {
  database.close();
});

/** Runs `read` and returns the SQL of every statement it prepared. */
function statementsOf(read: () => void): string[] {
  const prepare = db.prepare.bind(db);
  const seen: string[] = [];
  const spy = vi.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  });
  try {
    read();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

function plan(sql: string): string[] {
  const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
  return (db.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}

describe('iterator queries', () => {
  it('page through what the sync engine reads without sorting', () => {
    const group = { resourceType: 'group', resource: 'g1' };
    const counts: number[] = [];
    const statements = statementsOf(() => {
      counts.push([...database.resources({ syncId, resourceTypeId: 'user' })].length);
      counts.push([...database.grants({ syncId, entitlementId: 'group:g1:member' })].length);
      counts.push([...database.grants({ syncId, expandable: true })].length);
      counts.push([...database.entitlements({ syncId, resourceId: group })].length);
    });
    expect(counts).toEqual([ROWS, ROWS, ROWS, ROWS + 1]);
    expect(statements).toHaveLength(8); // a first-page and a next-page query for each listing
    for (const sql of statements) {
      expect(
        plan(sql).filter((step) => step.includes('TEMP B-TREE')),
        sql,
      ).toEqual([]);
    }
  });

  it('lists objects in the order they were written, and an upsert keeps its place', () => {
    const written = [...database.resources({ syncId, resourceTypeId: 'user' })].map((r) => r.id.resource);
    expect(written.slice(0, 3)).toEqual(['u0', 'u719', 'u238']);
    database.putResources(syncId, [userResource({ type: USER, id: 'u719', displayName: 'Renamed' })]);
    const again = [...database.resources({ syncId, resourceTypeId: 'user' })];
    expect(again.map((r) => r.id.resource)).toEqual(written);
    expect(again[1]?.displayName).toBe('Renamed');
  });
});

describe('indexes while a sync writes', () => {
  /** The indexes of the database beyond the unique ones of the schema, in the order they were built. */
  const readIndexes = (): string[] => {
    const rows = db
      .prepare("select name from sqlite_master where type = 'index' and sql is not null and sql not like 'create unique%' order by rowid")
      .all() as { name: string }[];
    return rows.map((row) => row.name);
  };

  it('builds only the index a filtered read needs, and none for a sync without expandable grants', () => {
    expect(readIndexes()).toEqual([]);
    const plain = database.startSync();
    const group = groupResource({ type: GROUP, id: 'g9', displayName: 'Group' });
    const member = entitlement({ resource: group, slug: 'member', purpose: 'ASSIGNMENT' });
    database.putGrants(plain, [grant({ entitlement: member, principal: { resourceType: 'user', resource: 'u1' } })]);
    expect([...database.grants({ syncId: plain, expandable: true })]).toEqual([]);
    expect(readIndexes()).toEqual([]);
    expect([...database.grants({ syncId, expandable: true })]).toHaveLength(ROWS);
    expect(readIndexes()).toEqual(['idx_grants_sync_expansion_v1']);
    expect([...database.grants({ syncId, entitlementId: 'group:g1:member' })]).toHaveLength(ROWS);
    expect(readIndexes()).toEqual(['idx_grants_sync_expansion_v1', 'idx_grants_entitlement_sync_grant_v1']);
  });
});
