import { createRandom } from '../core/random.js';
import type { Random } from '../core/random.js';
import type { RudderstackGroup, RudderstackOrg, RudderstackUser } from './model.js';

/** Size and seed of a generated RudderStack organization. */
export interface RudderstackOrgOptions {
  readonly seed: number;
  /** Number of users, at least 1. */
  readonly users: number;
  /** Number of groups, 0 or more. */
  readonly groups: number;
}

const FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Chen',
  'Dara',
  'Emil',
  'Fatima',
  'Goran',
  'Hiro',
  'Ines',
  'Jamal',
  'Kira',
  'Luca',
  'Maya',
  'Nils',
  'Omar',
  'Priya',
  'Rosa',
  'Sven',
  'Tara',
  'Yusuf',
];
const LAST_NAMES = [
  'Adler',
  'Banerjee',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fernandes',
  'Gupta',
  'Horvat',
  'Ito',
  'Jensen',
  'Kim',
  'Lindqvist',
  'Mendes',
  'Nowak',
  'Osei',
  'Park',
];
const GROUP_WORDS = [
  'Data Engineering',
  'Analytics',
  'Growth',
  'Platform',
  'Warehouse Admins',
  'Tracking Plan Owners',
  'Marketing Ops',
  'Security',
  'Support',
  'Product',
];
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const EPOCH_2021 = Date.UTC(2021, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** A 27-character id: a base62 rendering of the index (so ids are unique) after random characters. */
function id(random: Random, index: number): string {
  let tail = '';
  for (let rest = index; tail.length < 6; rest = Math.floor(rest / 62)) tail = BASE62[rest % 62] + tail;
  let head = '2';
  while (head.length < 21) head += random.pick([...BASE62]);
  return head + tail;
}

function timestamps(random: Random): { created: string; lastModified: string } {
  const created = EPOCH_2021 + random.int(0, 3 * YEAR_MS);
  return { created: new Date(created).toISOString(), lastModified: new Date(created + random.int(0, YEAR_MS)).toISOString() };
}

function generateUsers(seed: number, count: number): RudderstackUser[] {
  const random = createRandom(seed, 'rudderstack-users');
  const names = new Set<string>();
  const users: RudderstackUser[] = [];
  for (let index = 0; index < count; index++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    let userName = `${first}.${last}@acme.example`.toLowerCase();
    if (names.has(userName)) userName = `${first}.${last}${index}@acme.example`.toLowerCase();
    names.add(userName);
    const named = index === 0 || !random.chance(0.05);
    users.push({
      id: id(random, index),
      userName,
      ...(named ? { displayName: `${first} ${last}` } : {}),
      active: index === 0 || !random.chance(0.08),
      ...timestamps(random),
    });
  }
  return users;
}

/**
 * Groups: group 0 holds users 0-4 and is listed with its members; group 1 holds users 0-2 and
 * is listed without them; group 2 is empty; the rest hold 0-40 random users, a quarter of
 * them listed without members.
 */
function generateGroups(seed: number, count: number, users: readonly RudderstackUser[]): RudderstackGroup[] {
  const random = createRandom(seed, 'rudderstack-groups');
  const names = new Set<string>();
  const groups: RudderstackGroup[] = [];
  for (let index = 0; index < count; index++) {
    let displayName = random.pick(GROUP_WORDS);
    if (names.has(displayName)) displayName = `${displayName} ${index}`;
    names.add(displayName);
    const members = new Set<string>();
    if (index < 2) {
      for (const user of users.slice(0, index === 0 ? 5 : 3)) members.add(user.id);
    } else if (index > 2) {
      const size = Math.min(users.length, random.chance(0.15) ? 0 : random.int(1, 40));
      while (members.size < size) members.add((users[random.int(0, users.length - 1)] as RudderstackUser).id);
    }
    groups.push({
      id: id(random, index),
      displayName,
      memberIds: [...members],
      membersOmittedFromList: index === 1 || (index > 2 && random.chance(0.25)),
      ...timestamps(random),
    });
  }
  return groups;
}

/** Generates an organization deterministically: same options, same data; users do not change with the group count. */
export function generateRudderstackOrg(options: RudderstackOrgOptions): RudderstackOrg {
  if (!Number.isInteger(options.users) || options.users < 1) throw new RangeError(`users must be at least 1, got ${options.users}`);
  if (!Number.isInteger(options.groups) || options.groups < 0) throw new RangeError(`groups must be 0 or more, got ${options.groups}`);
  const users = generateUsers(options.seed, options.users);
  return { users, groups: generateGroups(options.seed, options.groups, users) };
}
