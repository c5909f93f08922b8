import { describe, expect, it } from 'vitest';
import { SCALR_OTHER_ACCOUNT, generateScalrOrg } from './generate.js';

describe('generateScalrOrg', () => {
  const org = generateScalrOrg({ seed: 5, users: 300, serviceAccounts: 40 });
  const [main, other] = org.accounts;

  it('is deterministic and keeps the main account stable when the service-account count changes', () => {
    expect(generateScalrOrg({ seed: 5, users: 300, serviceAccounts: 40 })).toEqual(org);
    const fewer = generateScalrOrg({ seed: 5, users: 300, serviceAccounts: 3 });
    expect(fewer.users.slice(0, 300)).toEqual(org.users.slice(0, 300));
    expect(generateScalrOrg({ seed: 6, users: 300, serviceAccounts: 40 }).users[0]?.id).not.toBe(org.users[0]?.id);
  });

  it('makes a main account and a second one, with Scalr-style prefixed ids that never collide', () => {
    expect([main?.name, other?.name]).toEqual(['acme', SCALR_OTHER_ACCOUNT]);
    expect(main?.id).toMatch(/^acc-[a-z0-9]{15}$/);
    const ids = [...org.accounts, ...org.users, ...org.accountUsers, ...org.serviceAccounts].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(org.users.every((user) => /^user-[a-z0-9]{15}$/.test(user.id))).toBe(true);
    expect(org.serviceAccounts.every((account) => /^sa-[a-z0-9]{15}$/.test(account.id))).toBe(true);
  });

  it('gives the main account every user status, display-name gaps, and pending users without a login', () => {
    const links = org.accountUsers.filter((link) => link.accountId === main?.id);
    expect(links).toHaveLength(300);
    expect(links.slice(0, 3).map((link) => link.status)).toEqual(['Active', 'Inactive', 'Pending']);
    expect([org.users[3]?.fullName, org.users[4]?.fullName, org.users[4]?.username]).toEqual([null, null, null]);
    for (const link of links) expect(link.lastLoginAt === null).toBe(link.status === 'Pending');
  });

  it('gives service accounts Active and Inactive, with an email in the account domain', () => {
    const mine = org.serviceAccounts.filter((account) => account.accountId === main?.id);
    expect(mine).toHaveLength(40);
    expect(mine.slice(0, 2).map((account) => account.status)).toEqual(['Active', 'Inactive']);
    expect(mine.every((account) => account.email === `${account.name}@acme.scalr.io`)).toBe(true);
  });

  it('puts the owner in both accounts and keeps the other account small', () => {
    const owner = org.users[0];
    expect(org.accountUsers.filter((link) => link.userId === owner?.id).map((link) => link.accountId)).toEqual([main?.id, other?.id]);
    expect(org.accountUsers.filter((link) => link.accountId === other?.id)).toHaveLength(6);
  });

  it('rejects bad sizes and account names', () => {
    expect(() => generateScalrOrg({ seed: 1, users: 0, serviceAccounts: 0 })).toThrow(RangeError);
    expect(() => generateScalrOrg({ seed: 1, users: 1, serviceAccounts: -1 })).toThrow(RangeError);
    expect(() => generateScalrOrg({ seed: 1, users: 1, serviceAccounts: 0, account: 'acme.scalr.io' })).toThrow(RangeError);
  });
});
