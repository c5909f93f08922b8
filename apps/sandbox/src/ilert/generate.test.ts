import { describe, expect, it } from 'vitest';
import { generateIlertOrg } from './generate.js';
import { ILERT_REGIONS, ILERT_ROLES, ILERT_TEAM_ROLES, ILERT_TIMEZONES, isTeamRoleAllowed } from './model.js';

const TWO_POW_53 = 2n ** 53n;

describe('generateIlertOrg', () => {
  it('gives the same org byte for byte for the same seed, and another for another seed', () => {
    const a = JSON.stringify(generateIlertOrg({ seed: 42, users: 500, teams: 60 }));
    const b = JSON.stringify(generateIlertOrg({ seed: 42, users: 500, teams: 60 }));
    const c = JSON.stringify(generateIlertOrg({ seed: 43, users: 500, teams: 60 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('keeps the users when only the team count changes', () => {
    const few = generateIlertOrg({ seed: 5, users: 50, teams: 2 });
    const many = generateIlertOrg({ seed: 5, users: 50, teams: 30 });
    expect(many.users).toEqual(few.users);
  });

  it('builds a large org with every role, field value and team shape', () => {
    const org = generateIlertOrg({ seed: 7, users: 10_000, teams: 1_000 });
    expect(org.users).toHaveLength(10_000);
    expect(org.teams).toHaveLength(1_000);
    expect(new Set(org.users.map((user) => user.role))).toEqual(new Set(ILERT_ROLES));
    expect(new Set(org.users.map((user) => user.language))).toEqual(new Set(['de', 'en']));
    expect(new Set(org.users.map((user) => user.timezone))).toEqual(new Set(ILERT_TIMEZONES));
    expect(new Set(org.users.map((user) => user.region))).toEqual(new Set(ILERT_REGIONS));
    expect(new Set(org.users.map((user) => user.id)).size).toBe(10_000);
    expect(new Set(org.users.map((user) => user.email)).size).toBe(10_000);
    expect(org.users.filter((user) => BigInt(user.id) > TWO_POW_53).length).toBeGreaterThan(1_000);
    expect(org.users.some((user) => user.mutedUntil !== undefined)).toBe(true);
    for (const user of org.users) {
      expect(user.updatedAt >= user.createdAt).toBe(true);
      expect(user.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }

    const sizes = org.teams.map((team) => team.members.length);
    expect(sizes).toContain(0);
    expect(Math.max(...sizes)).toBeGreaterThan(100);
    expect(new Set(org.teams.map((team) => team.visibility))).toEqual(new Set(['PUBLIC', 'PRIVATE']));
    const memberships = org.teams.flatMap((team) => team.members.map((member) => ({ team, member })));
    expect(new Set(memberships.map(({ member }) => member.role))).toEqual(new Set(ILERT_TEAM_ROLES));

    const usersById = new Map(org.users.map((user) => [user.id, user]));
    for (const { team, member } of memberships) {
      const user = usersById.get(member.userId);
      expect(user).toBeDefined();
      expect(isTeamRoleAllowed(user!.role, member.role, team.visibility)).toBe(true);
    }
    for (const team of org.teams) {
      expect(new Set(team.members.map((member) => member.userId)).size).toBe(team.members.length);
    }
  });

  it('gives even a tiny org an admin owner, a big id and every team role', () => {
    const org = generateIlertOrg({ seed: 1, users: 5, teams: 2 });
    expect(org.users[0]?.role).toBe('ADMIN');
    expect(org.users.some((user) => BigInt(user.id) > TWO_POW_53)).toBe(true);
    expect(new Set(org.teams[0]?.members.map((member) => member.role))).toEqual(new Set(ILERT_TEAM_ROLES));
    expect(org.teams[1]?.members).toEqual([]);
  });

  it('rejects impossible sizes', () => {
    expect(() => generateIlertOrg({ seed: 1, users: 0, teams: 1 })).toThrow(RangeError);
    expect(() => generateIlertOrg({ seed: 1, users: 3, teams: -1 })).toThrow(RangeError);
  });
});
