import { findAnnotation } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interceptListing, interceptValidation, testConnector, userJson } from '../test/mock-ilert.js';
import { parseJsonWithExactIds } from '@c1/connector-sdk';
import { ilertUserSchema } from './client.js';
import { ilertUserResource } from './users.js';
import * as v from 'valibot';

const parseUser = (raw: string) => v.parse(ilertUserSchema, parseJsonWithExactIds(raw));

describe('ilertUserResource', () => {
  it('maps every field of an ilert user', () => {
    const user = parseUser(
      userJson(2188373, {
        firstName: 'John',
        lastName: 'Doe',
        email: 'john@acme.com',
        role: 'ADMIN',
        position: 'Software Engineer',
        department: 'Ops',
        timezone: 'Europe/Berlin',
        language: 'de',
        region: 'DE',
        createdAt: '2024-01-01T00:00:00Z',
      }),
    );
    const res = ilertUserResource(user);
    const profile = {
      first_name: 'John',
      last_name: 'Doe',
      login: 'john@acme.com',
      user_id: '2188373',
      firstName: 'John',
      lastName: 'Doe',
      email: 'john@acme.com',
      role: 'ADMIN',
      position: 'Software Engineer',
      department: 'Ops',
      timezone: 'Europe/Berlin',
      language: 'de',
      region: 'DE',
    };
    expect(res).toMatchObject({
      id: { resourceType: 'user', resource: '2188373' },
      displayName: 'John Doe',
      profile,
      createdAt: new Date('2024-01-01T00:00:00Z'),
    });
    expect(findAnnotation(res.annotations, 'c1.connector.v2.UserTrait')).toEqual({
      $type: 'c1.connector.v2.UserTrait',
      emails: [{ address: 'john@acme.com', isPrimary: true }],
      login: 'john@acme.com',
      status: { status: 'ENABLED' },
      accountType: 'HUMAN',
      profile,
      createdAt: new Date('2024-01-01T00:00:00Z'),
      structuredName: { givenName: 'John', familyName: 'Doe' },
    });
  });

  it('keeps a role ilert adds later as it is', () => {
    const res = ilertUserResource(parseUser(userJson(5, { role: 'ACCOUNT_OWNER' })));
    expect(res.profile?.role).toBe('ACCOUNT_OWNER');
  });

  it('falls back to the email, then the id, when the name is empty', () => {
    expect(ilertUserResource(parseUser(userJson(6, { firstName: '', lastName: ' ' }))).displayName).toBe('user6@acme.test');
    const bare = ilertUserResource(parseUser('{"id":7}'));
    expect(bare.displayName).toBe('ilert user 7');
    expect(findAnnotation(bare.annotations, 'c1.connector.v2.UserTrait')?.emails).toEqual([]);
  });
});

describe('listing users', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it.each([
    [0, 1],
    [1, 1],
    [99, 1],
    [100, 2],
    [101, 2],
    [250, 3],
  ])('syncs %i users in exactly %i request(s) of 100', async (count, requests) => {
    const users = Array.from({ length: count }, (_, i) => userJson(1000 + i));
    interceptValidation(mock.agent);
    expect(interceptListing(mock.agent, 'users', users)).toBe(requests);
    interceptListing(mock.agent, 'teams', []);
    const sync = await runConnectorInMemory(testConnector());
    assertNoPendingInterceptors(mock.agent);
    expect(sync.resources).toHaveLength(count);
    expect(new Set(sync.resources.map((r) => r.id.resource)).size).toBe(count);
  });

  it('keeps a 64-bit id above 2^53 exact', async () => {
    const bigId = '9007199254740993123';
    interceptValidation(mock.agent);
    interceptListing(mock.agent, 'users', [userJson(bigId)]);
    interceptListing(mock.agent, 'teams', [
      `{"id":9223372036854775807,"name":"Big","visibility":"PUBLIC","members":[{"user":${userJson(bigId)},"role":"ADMIN"}]}`,
    ]);
    const sync = await runConnectorInMemory(testConnector());
    expect(sync.resources.map((r) => r.id.resource)).toEqual([bigId, '9223372036854775807']);
    expect(sync.grants.map((g) => g.id)).toEqual([`team:9223372036854775807:admin:user:${bigId}`]);
  });
});
