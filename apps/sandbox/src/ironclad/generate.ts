import { createRandom } from '../core/random.js';
import type { Random } from '../core/random.js';
import { IRONCLAD_PROVIDERS } from './model.js';
import type { IroncladGroup, IroncladOrg, IroncladUser } from './model.js';

/** Size and seed of a generated Ironclad company. */
export interface IroncladOrgOptions {
  readonly seed: number;
  /** Number of users, at least 1 (user 0 is the admin the API acts as). */
  readonly users: number;
  /** Number of groups, 0 or more. */
  readonly groups: number;
  /** A SAML company, where new users get no password (default false). */
  readonly saml?: boolean;
}

const FIRST_NAMES = [
  'Alex',
  'Blair',
  'Casey',
  'Dana',
  'Elliot',
  'Frankie',
  'Gale',
  'Harper',
  'Indy',
  'Jordan',
  'Kai',
  'Logan',
  'Morgan',
  'Noel',
  'Parker',
  'Quinn',
  'Riley',
  'Sam',
  'Taylor',
  'Avery',
];
const LAST_NAMES = [
  'Doe',
  'Nguyen',
  'Garcia',
  'Okafor',
  'Schmidt',
  'Rossi',
  'Kowalski',
  'Tanaka',
  'Silva',
  'Murphy',
  'Haddad',
  'Larsen',
  'Moreau',
  'Patel',
  'Novak',
  'Fischer',
];
const TITLES = [
  'Counsel',
  'Senior Counsel',
  'Paralegal',
  'Legal Ops Manager',
  'Contract Manager',
  'Vice President',
  'Sales Director',
  'Procurement Lead',
];
const DEPARTMENTS = ['Legal', 'Sales', 'Procurement', 'Finance', 'People', 'Operations'];
const GROUP_WORDS = [
  'Legal Ops',
  'Sales',
  'Procurement',
  'Finance',
  'Contract Review',
  'NDA Approvers',
  'Privacy',
  'Vendor Management',
  'Executive',
  'Marketing',
];
const EPOCH_2020 = Date.UTC(2020, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

function hex(random: Random, digits: number): string {
  let text = '';
  for (let index = 0; index < digits; index++) text += random.int(0, 15).toString(16);
  return text;
}

function uuid(random: Random): string {
  const digits = hex(random, 32);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-a${digits.slice(17, 20)}-${digits.slice(20)}`;
}

function generateUsers(seed: number, count: number): IroncladUser[] {
  const random = createRandom(seed, 'ironclad-users');
  const names = new Set<string>();
  const users: IroncladUser[] = [];
  for (let index = 0; index < count; index++) {
    const givenName = random.pick(FIRST_NAMES);
    const familyName = random.pick(LAST_NAMES);
    let userName = `${givenName}.${familyName}@contoso.example`.toLowerCase();
    if (names.has(userName)) userName = `${givenName}.${familyName}${index}@contoso.example`.toLowerCase();
    names.add(userName);
    const created = EPOCH_2020 + random.int(0, 4 * YEAR_MS);
    const titled = random.chance(0.8);
    const departed = random.chance(0.7);
    users.push({
      id: `66${hex(random, 6)}${index.toString(16).padStart(8, '0')}${hex(random, 8)}`,
      userName,
      givenName,
      familyName,
      ...(titled ? { title: random.pick(TITLES) } : {}),
      ...(departed ? { department: random.pick(DEPARTMENTS) } : {}),
      provider: index === 0 ? 'local' : random.pick(IRONCLAD_PROVIDERS),
      admin: index === 0 || random.chance(0.03),
      created: new Date(created).toISOString(),
      lastModified: new Date(created + random.int(0, YEAR_MS)).toISOString(),
    });
  }
  return users;
}

function groupSize(random: Random, users: number): number {
  const roll = random.next();
  if (roll < 0.1) return 0;
  if (roll < 0.7) return Math.min(users, random.int(1, 10));
  return Math.min(users, random.int(11, 60));
}

/**
 * Groups: group 0 holds users 0-3 (and, in companies over 100 users, 100 more), group 1 is
 * empty, the rest hold 0-60 distinct random users.
 */
function generateGroups(seed: number, count: number, users: readonly IroncladUser[]): IroncladGroup[] {
  const random = createRandom(seed, 'ironclad-groups');
  const groups: IroncladGroup[] = [];
  const names = new Set<string>();
  for (let index = 0; index < count; index++) {
    let displayName = `${random.pick(GROUP_WORDS)} Group`;
    if (names.has(displayName)) displayName = `${displayName} ${index}`;
    names.add(displayName);
    const members = new Set<string>();
    if (index === 0) {
      for (const user of users.slice(0, users.length > 100 ? 104 : 4)) members.add(user.id);
    } else if (index > 1) {
      const size = groupSize(random, users.length);
      while (members.size < size) members.add((users[random.int(0, users.length - 1)] as IroncladUser).id);
    }
    const created = new Date(EPOCH_2020 + random.int(0, 4 * YEAR_MS)).toISOString();
    groups.push({
      id: uuid(random),
      displayName,
      ...(random.chance(0.5) ? { externalId: String(100 + index) } : {}),
      memberIds: [...members],
      created,
      lastModified: created,
    });
  }
  return groups;
}

/**
 * Generates a company deterministically: same options, same data; users do not change with the
 * group count. User 0 is a local-login admin, the user the API acts as.
 */
export function generateIroncladOrg(options: IroncladOrgOptions): IroncladOrg {
  if (!Number.isInteger(options.users) || options.users < 1) throw new RangeError(`users must be at least 1, got ${options.users}`);
  if (!Number.isInteger(options.groups) || options.groups < 0) throw new RangeError(`groups must be 0 or more, got ${options.groups}`);
  const users = generateUsers(options.seed, options.users);
  return { users, groups: generateGroups(options.seed, options.groups, users), saml: options.saml ?? false };
}
