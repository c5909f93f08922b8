import { createRandom } from '../core/random.js';
import type { Random } from '../core/random.js';
import type {
  ScalrAccount,
  ScalrAccountUser,
  ScalrOrg,
  ScalrServiceAccount,
  ScalrServiceAccountStatus,
  ScalrUser,
  ScalrUserStatus,
} from './model.js';

/** Size, seed and subdomain of a generated Scalr installation. */
export interface ScalrOrgOptions {
  readonly seed: number;
  /** Subdomain of the main account (default `acme`). */
  readonly account?: string;
  /** Users of the main account, at least 1 (user 0 is the account owner). */
  readonly users: number;
  /** Service accounts of the main account, 0 or more. */
  readonly serviceAccounts: number;
}

/** Subdomain of the second account, whose members the main account must not list. */
export const SCALR_OTHER_ACCOUNT = 'globex';
const OTHER_ACCOUNT_USERS = 5;
const OTHER_ACCOUNT_SERVICE_ACCOUNTS = 2;
const FIRST_NAMES = [
  'Ada',
  'Boris',
  'Chen',
  'Dana',
  'Elif',
  'Farid',
  'Gina',
  'Hugo',
  'Ines',
  'Jamal',
  'Kira',
  'Liam',
  'Maya',
  'Nils',
  'Omar',
  'Priya',
];
const LAST_NAMES = ['Novak', 'Okafor', 'Park', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Ueda', 'Vargas', 'Weiss', 'Yilmaz', 'Zhang'];
const SA_PURPOSES = ['ci', 'deploy', 'terraform', 'drift', 'backup', 'audit', 'sync', 'policy'];
const USER_STATUS_WEIGHTS: readonly (readonly [ScalrUserStatus, number])[] = [
  ['Active', 0.8],
  ['Inactive', 0.12],
  ['Pending', 0.08],
];
const FIXED_USER_STATUSES: readonly ScalrUserStatus[] = ['Active', 'Inactive', 'Pending'];
const FIXED_SA_STATUSES: readonly ScalrServiceAccountStatus[] = ['Active', 'Inactive'];
const EPOCH_2021 = Date.UTC(2021, 0, 1);
const DAY_MS = 24 * 3600 * 1000;
const ID_CHARS: readonly string[] = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A Scalr-style id: the type prefix and 15 lower-case letters and digits (`user-suh84u6vhn64l0o`). */
function scalrId(random: Random, prefix: string, taken: Set<string>): string {
  for (;;) {
    let id = `${prefix}-`;
    for (let index = 0; index < 15; index++) id += random.pick(ID_CHARS);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function weightedStatus(random: Random): ScalrUserStatus {
  let roll = random.next();
  for (const [status, weight] of USER_STATUS_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return 'Active';
}

interface Member {
  readonly user: ScalrUser;
  readonly link: ScalrAccountUser;
}

/**
 * One account's users. Users 0-2 are Active, Inactive and Pending; user 3 has no full name and
 * user 4 neither a full name nor a username (display-name fallbacks); Pending users never logged in.
 */
function generateMembers(random: Random, account: ScalrAccount, count: number, ids: Set<string>, domain: string): Member[] {
  const members: Member[] = [];
  for (let index = 0; index < count; index++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const username = index === 4 ? null : `${first}.${last}${index}`.toLowerCase();
    const status = FIXED_USER_STATUSES[index] ?? weightedStatus(random);
    const createdMs = EPOCH_2021 + random.int(0, 3 * 365) * DAY_MS + random.int(0, DAY_MS - 1);
    const lastLoginAt = status === 'Pending' ? null : isoSeconds(createdMs + random.int(1, 400) * DAY_MS);
    const user: ScalrUser = {
      id: scalrId(random, 'user', ids),
      email: `${first}.${last}${index}@${domain}`.toLowerCase(),
      username,
      fullName: index === 3 || index === 4 ? null : `${first} ${last}`,
      status,
      createdAt: isoSeconds(createdMs),
      lastLoginAt,
    };
    members.push({ user, link: { id: scalrId(random, 'au', ids), accountId: account.id, userId: user.id, status, lastLoginAt } });
  }
  return members;
}

/** Service accounts 0 and 1 are Active and Inactive; the rest are mostly Active. */
function generateServiceAccounts(
  random: Random,
  account: ScalrAccount,
  count: number,
  creators: readonly ScalrUser[],
  ids: Set<string>,
): ScalrServiceAccount[] {
  const result: ScalrServiceAccount[] = [];
  for (let index = 0; index < count; index++) {
    const name = `${random.pick(SA_PURPOSES)}-bot-${index}`;
    result.push({
      id: scalrId(random, 'sa', ids),
      accountId: account.id,
      name,
      email: `${name}@${account.name}.scalr.io`,
      description: random.chance(0.7) ? `Automation for ${name}` : null,
      status: FIXED_SA_STATUSES[index] ?? (random.chance(0.9) ? 'Active' : 'Inactive'),
      createdAt: isoSeconds(EPOCH_2021 + random.int(0, 3 * 365) * DAY_MS),
      createdBy: random.pick(creators).id,
    });
  }
  return result;
}

/**
 * Generates a Scalr installation. The same options give the same org; the main account's users
 * depend only on `seed`, `account` and `users`. The owner of the main account (user 0) is also a
 * member of the second account.
 */
export function generateScalrOrg(options: ScalrOrgOptions): ScalrOrg {
  const { seed, users: userCount, serviceAccounts: saCount } = options;
  const name = options.account ?? 'acme';
  if (!Number.isInteger(userCount) || userCount < 1) throw new RangeError(`scalr users must be an integer >= 1, got ${userCount}`);
  if (!Number.isInteger(saCount) || saCount < 0) throw new RangeError(`scalr service accounts must be an integer >= 0, got ${saCount}`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || name === SCALR_OTHER_ACCOUNT)
    throw new RangeError(`scalr account must be a subdomain other than ${SCALR_OTHER_ACCOUNT}, got '${name}'`);
  const random = createRandom(seed, `scalr:${name}`);
  const otherRandom = createRandom(seed, 'scalr:other');
  const ids = new Set<string>();
  const main: ScalrAccount = { id: scalrId(random, 'acc', ids), name, createdAt: isoSeconds(EPOCH_2021) };
  const other: ScalrAccount = {
    id: scalrId(otherRandom, 'acc', ids),
    name: SCALR_OTHER_ACCOUNT,
    createdAt: isoSeconds(EPOCH_2021 + DAY_MS),
  };
  const members = generateMembers(random, main, userCount, ids, `${name}.example`);
  const outsiders = generateMembers(otherRandom, other, OTHER_ACCOUNT_USERS, ids, `${SCALR_OTHER_ACCOUNT}.example`);
  const owner = (members[0] as Member).user;
  const shared: ScalrAccountUser = {
    id: scalrId(otherRandom, 'au', ids),
    accountId: other.id,
    userId: owner.id,
    status: 'Active',
    lastLoginAt: owner.lastLoginAt,
  };
  return {
    seed,
    accounts: [main, other],
    users: [...members, ...outsiders].map((member) => member.user),
    accountUsers: [...members.map((member) => member.link), ...outsiders.map((member) => member.link), shared],
    serviceAccounts: [
      ...generateServiceAccounts(
        random,
        main,
        saCount,
        members.map((member) => member.user),
        ids,
      ),
      ...generateServiceAccounts(
        otherRandom,
        other,
        OTHER_ACCOUNT_SERVICE_ACCOUNTS,
        outsiders.map((member) => member.user),
        ids,
      ),
    ],
  };
}
