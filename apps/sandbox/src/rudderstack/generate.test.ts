import { describe, expect, it } from 'vitest';
import { generateRudderstackOrg } from './generate.js';

describe('generateRudderstackOrg', () => {
  it('is deterministic per seed and keeps users when only the group count changes', () => {
    const a = JSON.stringify(generateRudderstackOrg({ seed: 1, users: 300, groups: 40 }));
    expect(JSON.stringify(generateRudderstackOrg({ seed: 1, users: 300, groups: 40 }))).toBe(a);
    expect(JSON.stringify(generateRudderstackOrg({ seed: 2, users: 300, groups: 40 }))).not.toBe(a);
    expect(generateRudderstackOrg({ seed: 1, users: 300, groups: 2 }).users).toEqual(
      generateRudderstackOrg({ seed: 1, users: 300, groups: 40 }).users,
    );
  });

  it('gives unique 27-character ids and emails, some inactive and unnamed users, and groups of real members', () => {
    const org = generateRudderstackOrg({ seed: 9, users: 10_000, groups: 500 });
    expect(new Set(org.users.map((user) => user.id)).size).toBe(10_000);
    expect(new Set(org.users.map((user) => user.userName)).size).toBe(10_000);
    expect(new Set(org.groups.map((group) => group.id)).size).toBe(500);
    expect(org.users.every((user) => /^[0-9A-Za-z]{27}$/.test(user.id))).toBe(true);
    expect(org.users.filter((user) => !user.active).length).toBeGreaterThan(500);
    expect(org.users.filter((user) => user.displayName === undefined).length).toBeGreaterThan(200);
    const ids = new Set(org.users.map((user) => user.id));
    expect(
      org.groups.every((group) => group.memberIds.every((id) => ids.has(id)) && new Set(group.memberIds).size === group.memberIds.length),
    ).toBe(true);
  });

  it('lists group 0 with its 5 members, group 1 (3 members) without them, leaves group 2 empty, and omits members for about a quarter', () => {
    const org = generateRudderstackOrg({ seed: 9, users: 50, groups: 400 });
    const [first, second, third] = org.groups;
    expect(first).toMatchObject({ memberIds: org.users.slice(0, 5).map((user) => user.id), membersOmittedFromList: false });
    expect(second).toMatchObject({ memberIds: org.users.slice(0, 3).map((user) => user.id), membersOmittedFromList: true });
    expect(third).toMatchObject({ memberIds: [], membersOmittedFromList: false });
    const omitted = org.groups.filter((group) => group.membersOmittedFromList).length;
    expect(omitted).toBeGreaterThan(60);
    expect(omitted).toBeLessThan(140);
  });

  it('refuses an empty organization', () => {
    expect(() => generateRudderstackOrg({ seed: 1, users: 0, groups: 1 })).toThrow(/at least 1/);
  });
});
