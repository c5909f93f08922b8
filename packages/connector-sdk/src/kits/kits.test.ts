import { describe, expect, it } from 'vitest';
import { isConnectorError } from '../errors/connector-error.js';
import { exactIdsParser, parseJsonWithExactIds } from './exact-ids.js';
import { inlineMembers } from './memberships.js';
import { generatePassword, PASSWORD_CHARACTERS } from './passwords.js';
import { provisioningGuard } from './provisioning.js';
import { roleMemberships } from './roles.js';
import { defineResourceType, groupResource } from '../model/builders.js';
import { recordingLogger } from '../testing/recording-logger.js';

describe('inlineMembers', () => {
  it('hands back remembered members once, and rereads a group it does not hold (a resumed sync)', async () => {
    const memo = inlineMembers<string>();
    memo.remember('g1', ['u1', 'u2']);
    let rereads = 0;
    const reread = async () => {
      rereads += 1;
      return ['u9'];
    };
    expect(await memo.take('g1', reread)).toEqual(['u1', 'u2']);
    expect(memo.size).toBe(0);
    expect(await memo.take('g1', reread)).toEqual(['u9']);
    expect(rereads).toBe(1);
  });
});

describe('parseJsonWithExactIds', () => {
  it('keeps integer ids above 2^53 exact and leaves other numbers and strings alone', () => {
    const text = '{"id":9223372036854775807,"count":9007199254740993,"note":"\\"id\\":1","items":[{"id": -12 }]}';
    expect(parseJsonWithExactIds(text)).toEqual({
      id: '9223372036854775807',
      count: 9007199254740992,
      note: '"id":1',
      items: [{ id: '-12' }],
    });
  });

  it('takes the keys to keep exact', () => {
    expect(exactIdsParser(['userId'])('{"userId":18446744073709551615,"id":1}')).toEqual({ userId: '18446744073709551615', id: 1 });
  });
});

describe('generatePassword', () => {
  const policy = { minLength: 16 };
  it('meets the policy even when the caller asks for less', () => {
    for (let round = 0; round < 100; round++) {
      const password = generatePassword({ length: 8, constraints: [] }, policy);
      expect(password).toHaveLength(16);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/\d/);
      expect([...password].some((c) => PASSWORD_CHARACTERS.special.includes(c))).toBe(true);
    }
  });

  it("honours the caller's length and minimum counts with the caller's characters", () => {
    const password = generatePassword({
      length: 30,
      constraints: [
        { charSet: 'ab', minCount: 3 },
        { charSet: 'XY', minCount: 1 },
        { charSet: '7', minCount: 1 },
        { charSet: '#', minCount: 4 },
      ],
    });
    expect(password).toHaveLength(30);
    expect(password).toMatch(/^[abXY7#]+$/);
    expect(password.replace(/[^#]/g, '').length).toBeGreaterThanOrEqual(4);
  });

  it('uses only characters the service accepts, and refuses a constraint it cannot meet', () => {
    const digitsOnly = { minLength: 6, requiredClasses: [PASSWORD_CHARACTERS.digits], allowed: PASSWORD_CHARACTERS.digits };
    expect(generatePassword({ length: 6, constraints: [] }, digitsOnly)).toMatch(/^\d{6}$/);
    expect(() => generatePassword({ length: 8, constraints: [{ charSet: 'éü', minCount: 1 }] })).toThrow(RangeError);
    expect(() => generatePassword({ length: 5000, constraints: [] })).toThrow(RangeError);
  });
});

describe('provisioningGuard', () => {
  it('refuses a change without --provisioning, naming the flag and the reason', () => {
    const guard = provisioningGuard({ provisioning: false }, 'it requests the write scopes');
    let thrown: unknown;
    try {
      guard('granting group membership');
    } catch (error) {
      thrown = error;
    }
    expect(isConnectorError(thrown, 'failed-precondition')).toBe(true);
    expect((thrown as Error).message).toBe(
      'granting group membership needs --provisioning / BATON_PROVISIONING=true (it requests the write scopes)',
    );
    expect(() => provisioningGuard({ provisioning: true })('creating accounts')).not.toThrow();
  });
});

describe('roleMemberships', () => {
  const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
  const teamType = defineResourceType({ id: 'team', displayName: 'Team', traits: ['GROUP'] });
  const roles = roleMemberships({
    service: 'Acme',
    group: 'team',
    roles: [
      { role: 'ADMIN', slug: 'admin', displayName: 'Admin' },
      { role: 'USER', slug: 'user', displayName: 'User' },
    ],
    userResourceType: userType,
  });
  const logger = recordingLogger();

  it('keeps members with a user id and a known role, and warns once per listing about the rest', () => {
    const sorted = roles.sort(
      [
        { groupId: 't1', members: [{ userId: '1', role: ' admin ' }, { userId: '2', role: 'OWNER' }, { role: 'USER' }] },
        { groupId: 't2', members: [{ userId: '1', role: 'USER' }, { userId: '3' }] },
      ],
      logger,
    );
    expect(sorted.get('t1')).toEqual([{ userId: '1', slug: 'admin' }]);
    expect(sorted.get('t2')).toEqual([{ userId: '1', slug: 'user' }]);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'skipped 3 Acme team members that get no grant: a missing or unknown team role, or no user id',
        fields: { count: 3, userIds: ['2', '3'], roles: ['OWNER', '(missing)'], membersWithoutUser: 1, teams: ['t1', 't2'] },
      },
    ]);
  });

  it('gives every group one entitlement per role and one grant per membership', () => {
    const team = groupResource({ type: teamType, id: 't1', displayName: 'Ops' });
    expect(roles.entitlements(team).map((e) => [e.id, e.description])).toEqual([
      ['team:t1:admin', 'Admin of the Acme team Ops'],
      ['team:t1:user', 'User of the Acme team Ops'],
    ]);
    expect(roles.grants(team, [{ userId: '7', slug: 'user' }]).map((g) => g.id)).toEqual(['team:t1:user:user:7']);
  });
});
