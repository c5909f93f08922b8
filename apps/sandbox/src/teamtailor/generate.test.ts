import { describe, expect, it } from 'vitest';
import { generateTeamtailorCompany } from './generate.js';
import { TEAMTAILOR_ROLES } from './model.js';

describe('generateTeamtailorCompany', () => {
  it('gives the same company for the same seed and another for another seed', () => {
    const a = JSON.stringify(generateTeamtailorCompany({ seed: 3, users: 300 }));
    expect(JSON.stringify(generateTeamtailorCompany({ seed: 3, users: 300 }))).toBe(a);
    expect(JSON.stringify(generateTeamtailorCompany({ seed: 4, users: 300 }))).not.toBe(a);
  });

  it('holds every role, pending invitations, other login emails and users without department', () => {
    const { users, departments, locations } = generateTeamtailorCompany({ seed: 1, users: 5_000 });
    expect(users.slice(0, TEAMTAILOR_ROLES.length).map((user) => user.role)).toEqual(TEAMTAILOR_ROLES);
    expect(users[0]?.role).toBe('admin');
    expect(users[0]?.loginEmail).not.toBeNull();
    expect(new Set(users.map((user) => user.id)).size).toBe(5_000);
    expect(new Set(users.map((user) => user.email)).size).toBe(5_000);
    expect(users.some((user) => user.loginEmail === null)).toBe(true);
    expect(users.some((user) => user.loginEmail !== null && user.loginEmail !== user.email)).toBe(true);
    expect(users.some((user) => user.departmentId === null)).toBe(true);
    const departmentIds = new Set(departments.map((department) => department.id));
    const locationIds = new Set(locations.map((location) => location.id));
    for (const user of users) {
      if (user.departmentId !== null) expect(departmentIds.has(user.departmentId)).toBe(true);
      if (user.locationId !== null) expect(locationIds.has(user.locationId)).toBe(true);
    }
  });

  it('refuses an empty company', () => {
    expect(() => generateTeamtailorCompany({ seed: 1, users: 0 })).toThrow(/users must be an integer >= 1/);
  });
});
