import { createRandom } from '../core/random.js';
import type { Random } from '../core/random.js';
import { ILERT_REGIONS, ILERT_TEAM_ROLES, ILERT_TIMEZONES, isTeamRoleAllowed } from './model.js';
import type { IlertOrg, IlertRole, IlertTeam, IlertTeamMember, IlertTeamVisibility, IlertUser } from './model.js';

/** Size and seed of a generated ilert organisation. */
export interface IlertOrgOptions {
  readonly seed: number;
  /** Number of users, at least 1 (user 0 is the admin who owns the sandbox API token). */
  readonly users: number;
  /** Number of teams, 0 or more. */
  readonly teams: number;
}

const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Emma',
  'Felix',
  'Greta',
  'Hannah',
  'Jonas',
  'Julia',
  'Karl',
  'Lena',
  'Lukas',
  'Mia',
  'Noah',
  'Olivia',
  'Paul',
  'Sophie',
  'Tom',
  'Victoria',
  'James',
  'Grace',
  'Oliver',
  'Amelia',
];
const LAST_NAMES = [
  'Bauer',
  'Becker',
  'Fischer',
  'Hoffmann',
  'Koch',
  'Meyer',
  'Muller',
  'Richter',
  'Schmidt',
  'Schneider',
  'Schulz',
  'Wagner',
  'Weber',
  'Wolf',
  'Brown',
  'Clarke',
  'Evans',
  'Hughes',
  'Johnson',
  'Taylor',
  'Walker',
  'Wright',
];
const POSITIONS = [
  'Software Engineer',
  'Site Reliability Engineer',
  'Engineering Manager',
  'Support Agent',
  'Product Manager',
  'DevOps Engineer',
  'CTO',
  'Security Analyst',
];
const DEPARTMENTS = ['Ops', 'Engineering', 'Support', 'Product', 'Security', 'IT', 'Customer Success'];
const TEAM_ADJECTIVES = ['Core', 'Edge', 'Blue', 'Night', 'Rapid', 'Cloud', 'Data', 'Mobile', 'Payments', 'Identity'];
const TEAM_NOUNS = [
  'Platform',
  'Infrastructure',
  'On-Call',
  'Database',
  'Network',
  'Frontend',
  'Backend',
  'Observability',
  'Checkout',
  'Search',
];
const FIRST_USER_ROLES: readonly IlertRole[] = ['ADMIN', 'USER', 'RESPONDER', 'STAKEHOLDER', 'GUEST'];
const ROLE_WEIGHTS: readonly (readonly [IlertRole, number])[] = [
  ['ADMIN', 0.05],
  ['USER', 0.25],
  ['RESPONDER', 0.5],
  ['STAKEHOLDER', 0.12],
  ['GUEST', 0.08],
];
const TWO_POW_53 = 2n ** 53n;
const EPOCH_2019 = Date.UTC(2019, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** ISO-8601 without milliseconds, as in ilert's examples (`2024-01-01T00:00:00Z`). */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function hex(random: Random, digits: number): string {
  let text = '';
  for (let index = 0; index < digits; index++) text += random.int(0, 15).toString(16);
  return text;
}

function weightedRole(random: Random): IlertRole {
  let roll = random.next();
  for (const [role, weight] of ROLE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return role;
  }
  return 'RESPONDER';
}

/**
 * User ids: every seventh user (from index 2) gets an odd id above 2^53, which a JS number cannot
 * hold exactly; the rest get ordinary ids around one million. All ids are distinct.
 */
function userId(index: number, random: Random): string {
  if (index % 7 === 2) return (TWO_POW_53 + 1n + 2n * BigInt(index)).toString();
  return String(1_000_000 + index * 10 + random.int(0, 9));
}

function generateUsers(seed: number, count: number): IlertUser[] {
  const random = createRandom(seed, 'ilert-users');
  const emails = new Set<string>();
  const users: IlertUser[] = [];
  for (let index = 0; index < count; index++) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    let email = `${firstName}.${lastName}@acme.example`.toLowerCase();
    if (emails.has(email)) email = `${firstName}.${lastName}${index}@acme.example`.toLowerCase();
    emails.add(email);
    const createdMs = EPOCH_2019 + random.int(0, 5 * YEAR_MS);
    const muted = random.chance(0.05);
    users.push({
      id: userId(index, random),
      firstName,
      lastName,
      email,
      timezone: random.pick(ILERT_TIMEZONES),
      position: random.pick(POSITIONS),
      department: random.pick(DEPARTMENTS),
      avatarUrl: `https://www.gravatar.com/avatar/${hex(random, 32)}?d=mp`,
      language: random.chance(0.5) ? 'de' : 'en',
      region: random.pick(ILERT_REGIONS),
      role: FIRST_USER_ROLES[index] ?? weightedRole(random),
      shiftColor: `#${hex(random, 6)}`,
      ...(muted ? { mutedUntil: isoSeconds(createdMs + 2 * YEAR_MS + random.int(0, YEAR_MS)) } : {}),
      createdAt: isoSeconds(createdMs),
      updatedAt: isoSeconds(createdMs + random.int(0, YEAR_MS)),
    });
  }
  return users;
}

/** Picks `count` distinct indices from [from, total) in random order. */
function sampleIndices(random: Random, from: number, total: number, count: number): number[] {
  const available = total - from;
  const wanted = Math.min(count, available);
  if (wanted * 2 > available) {
    const pool = Array.from({ length: available }, (_, offset) => from + offset);
    for (let index = 0; index < wanted; index++) {
      const swap = random.int(index, available - 1);
      [pool[index], pool[swap]] = [pool[swap] as number, pool[index] as number];
    }
    return pool.slice(0, wanted);
  }
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(random.int(from, total - 1));
  return [...chosen];
}

function randomTeamSize(random: Random): number {
  const roll = random.next();
  if (roll < 0.05) return 0;
  if (roll < 0.6) return random.int(1, 8);
  if (roll < 0.9) return random.int(9, 40);
  return random.int(41, 130);
}

function teamId(index: number, random: Random): string {
  if (index % 10 === 7) return (TWO_POW_53 + 10_001n + 2n * BigInt(index)).toString();
  return String(900 + index * 5 + random.int(0, 4));
}

/**
 * Teams: team 0 is private and holds users 0-3 as ADMIN, USER, RESPONDER and STAKEHOLDER (so every
 * team role exists in any org of 4+ users) plus, in orgs over 100 users, more than 100 members;
 * team 1 is public and empty; the rest vary in size (0-130) and visibility. Member roles respect
 * {@link isTeamRoleAllowed}.
 */
function generateTeams(seed: number, count: number, users: readonly IlertUser[]): IlertTeam[] {
  const random = createRandom(seed, 'ilert-teams');
  const names = new Set<string>();
  const teams: IlertTeam[] = [];
  for (let index = 0; index < count; index++) {
    let name = `${random.pick(TEAM_ADJECTIVES)} ${random.pick(TEAM_NOUNS)}`;
    if (names.has(name)) name = `${name} ${index}`;
    names.add(name);
    const visibility: IlertTeamVisibility = index === 0 ? 'PRIVATE' : index === 1 ? 'PUBLIC' : random.chance(0.5) ? 'PUBLIC' : 'PRIVATE';
    const members: IlertTeamMember[] = [];
    let chosen: number[];
    if (index === 0) {
      const fixed = Math.min(4, users.length);
      for (let userIndex = 0; userIndex < fixed; userIndex++) {
        members.push({ userId: (users[userIndex] as IlertUser).id, role: ILERT_TEAM_ROLES[userIndex] as IlertTeamMember['role'] });
      }
      const size = users.length > 100 ? random.int(120, 200) : users.length;
      chosen = sampleIndices(random, fixed, users.length, size - fixed);
    } else {
      chosen = index === 1 ? [] : sampleIndices(random, 0, users.length, randomTeamSize(random));
    }
    for (const userIndex of chosen) {
      const user = users[userIndex] as IlertUser;
      const allowed = ILERT_TEAM_ROLES.filter((role) => isTeamRoleAllowed(user.role, role, visibility));
      members.push({ userId: user.id, role: random.pick(allowed) });
    }
    const createdMs = EPOCH_2019 + random.int(0, 5 * YEAR_MS);
    teams.push({
      id: teamId(index, random),
      name,
      visibility,
      members,
      createdAt: isoSeconds(createdMs),
      updatedAt: isoSeconds(createdMs + random.int(0, YEAR_MS)),
    });
  }
  return teams;
}

/**
 * Generates an ilert organisation. The same options always give the same org, byte for byte;
 * users depend only on `seed` and `users`, so changing the team count leaves them unchanged.
 */
export function generateIlertOrg(options: IlertOrgOptions): IlertOrg {
  const { seed, users: userCount, teams: teamCount } = options;
  if (!Number.isInteger(userCount) || userCount < 1) throw new RangeError(`ilert users must be an integer >= 1, got ${userCount}`);
  if (!Number.isInteger(teamCount) || teamCount < 0) throw new RangeError(`ilert teams must be an integer >= 0, got ${teamCount}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const users = generateUsers(seed, userCount);
  return { seed, users, teams: generateTeams(seed, teamCount, users) };
}
