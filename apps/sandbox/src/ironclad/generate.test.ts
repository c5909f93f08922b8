import { describe, expect, it } from 'vitest';
import { generateIroncladOrg } from './generate.js';

describe('generateIroncladOrg', () => {
  it('is deterministic per seed and keeps users when only the group count changes', () => {
    const a = JSON.stringify(generateIroncladOrg({ seed: 1, users: 300, groups: 40 }));
    expect(JSON.stringify(generateIroncladOrg({ seed: 1, users: 300, groups: 40 }))).toBe(a);
    expect(JSON.stringify(generateIroncladOrg({ seed: 2, users: 300, groups: 40 }))).not.toBe(a);
    expect(generateIroncladOrg({ seed: 1, users: 300, groups: 2 }).users).toEqual(
      generateIroncladOrg({ seed: 1, users: 300, groups: 40 }).users,
    );
  });

  it('gives unique 24-hex user ids and emails, an admin first, and groups of real members', () => {
    const org = generateIroncladOrg({ seed: 9, users: 5_000, groups: 200 });
    expect(new Set(org.users.map((user) => user.id)).size).toBe(5_000);
    expect(new Set(org.users.map((user) => user.userName)).size).toBe(5_000);
    expect(org.users.every((user) => /^[0-9a-f]{24}$/.test(user.id))).toBe(true);
    expect(org.users[0]).toMatchObject({ admin: true, provider: 'local' });
    const ids = new Set(org.users.map((user) => user.id));
    expect(
      org.groups.every((group) => group.memberIds.every((id) => ids.has(id)) && new Set(group.memberIds).size === group.memberIds.length),
    ).toBe(true);
    expect(org.groups[0]?.memberIds).toHaveLength(104);
    expect(org.groups[1]?.memberIds).toEqual([]);
    expect(org.saml).toBe(false);
  });
});
