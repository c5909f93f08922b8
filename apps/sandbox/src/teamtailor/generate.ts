import { createRandom } from '../core/random.js';
import type { Random } from '../core/random.js';
import { TEAMTAILOR_ROLES } from './model.js';
import type { TeamtailorCompany, TeamtailorDepartment, TeamtailorLocation, TeamtailorRole, TeamtailorUser } from './model.js';

/** Size and seed of a generated Teamtailor company. */
export interface TeamtailorCompanyOptions {
  readonly seed: number;
  /** Number of users, at least 1 (user 0 is the admin who created the sandbox's API keys). */
  readonly users: number;
}

const FIRST_NAMES = [
  'Alva',
  'Elsa',
  'Hugo',
  'Ines',
  'Jonas',
  'Klara',
  'Liam',
  'Maja',
  'Nils',
  'Olle',
  'Saga',
  'Vera',
  'Ava',
  'Leo',
  'Mila',
  'Omar',
];
const LAST_NAMES = [
  'Andersson',
  'Berg',
  'Dahl',
  'Ek',
  'Holm',
  'Lind',
  'Nilsson',
  'Sandberg',
  'Strand',
  'Wiik',
  'Garcia',
  'Kim',
  'Novak',
  'Silva',
];
const TITLES = [
  'Talent Acquisition Partner',
  'Recruiter',
  'Hiring Manager',
  'HR Business Partner',
  'Employer Branding Lead',
  'Developer',
  'Head of People',
  'Coordinator',
];
const DEPARTMENTS = ['People', 'Engineering', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'Operations', 'Design'];
const LOCATIONS: readonly (readonly [string, string, string])[] = [
  ['Stockholm HQ', 'Stockholm', 'Sweden'],
  ['London Office', 'London', 'United Kingdom'],
  ['Berlin Hub', 'Berlin', 'Germany'],
  ['Austin Office', 'Austin', 'United States'],
  ['Remote', 'Remote', 'Sweden'],
];
const ROLE_WEIGHTS: readonly (readonly [TeamtailorRole, number])[] = [
  ['admin', 0.04],
  ['recruiter', 0.2],
  ['user', 0.5],
  ['no_access', 0.1],
  ['designer', 0.05],
  ['external_recruiter', 0.08],
  ['interviewer', 0.03],
];

function weightedRole(random: Random): TeamtailorRole {
  let roll = random.next();
  for (const [role, weight] of ROLE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return role;
  }
  return 'user';
}

function hex(random: Random, digits: number): string {
  let text = '';
  for (let index = 0; index < digits; index++) text += random.int(0, 15).toString(16);
  return text;
}

/**
 * Users: the first seven hold each role once (user 0 is an admin); about one in twelve has not
 * accepted the invitation yet (`login-email` null), one in seven logs in with an address other
 * than the profile email, and some have no department or location.
 */
function generateUsers(seed: number, count: number, departments: number, locations: number): TeamtailorUser[] {
  const random = createRandom(seed, 'teamtailor-users');
  const emails = new Set<string>();
  const users: TeamtailorUser[] = [];
  for (let index = 0; index < count; index++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    let local = `${first}.${last}`.toLowerCase();
    if (emails.has(local)) local = `${local}${index}`;
    emails.add(local);
    const email = `${local}@company.example`;
    const invited = index > 0 && random.chance(1 / 12);
    const otherLogin = random.chance(1 / 7);
    users.push({
      id: String(4400 + index * 3 + random.int(0, 2)),
      name: `${first} ${last}`,
      email,
      loginEmail: invited ? null : otherLogin ? `${local}@sso.company.example` : email,
      username: `${first.toLowerCase()}${index}`,
      title: random.pick(TITLES),
      role: TEAMTAILOR_ROLES[index] ?? weightedRole(random),
      externalId: random.chance(0.3) ? `ext-${hex(random, 8)}` : null,
      visible: random.chance(0.9),
      hideEmail: random.chance(0.1),
      phone: random.chance(0.5) ? `+46 70 ${random.int(100, 999)} ${random.int(1000, 9999)}` : '',
      pictureUrl: `https://images.teamtailor-cdn.example/${hex(random, 16)}.png`,
      departmentId: random.chance(0.85) ? String(100 + random.int(0, departments - 1)) : null,
      locationId: random.chance(0.8) ? String(200 + random.int(0, locations - 1)) : null,
    });
  }
  return users;
}

/** Generates a Teamtailor company; the same options always give the same company, byte for byte. */
export function generateTeamtailorCompany(options: TeamtailorCompanyOptions): TeamtailorCompany {
  const { seed, users } = options;
  if (!Number.isInteger(users) || users < 1) throw new RangeError(`teamtailor users must be an integer >= 1, got ${users}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const departments: TeamtailorDepartment[] = DEPARTMENTS.map((name, index) => ({ id: String(100 + index), name }));
  const locations: TeamtailorLocation[] = LOCATIONS.map(([name, city, country], index) => ({
    id: String(200 + index),
    name,
    city,
    country,
  }));
  return { seed, users: generateUsers(seed, users, departments.length, locations.length), departments, locations };
}
