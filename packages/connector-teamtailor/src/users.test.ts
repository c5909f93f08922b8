import { findAnnotation } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interceptListing, interceptPage, testConnector, userObject } from '../test/mock-teamtailor.js';
import { indexIncluded, jsonApiAnyResourceSchema } from '@c1/connector-sdk/jsonapi';
import * as v from 'valibot';
import { teamtailorUserSchema } from './client.js';
import { teamtailorUserResource } from './users.js';

/** A user as the connector reads it off the wire; `attributes` replace the mock's defaults. */
const user = (id: string, attributes: Record<string, unknown>, relationships: Record<string, unknown> = {}) =>
  v.parse(teamtailorUserSchema, { ...userObject(id, {}, relationships), attributes });

const trait = (resource: ReturnType<typeof teamtailorUserResource>) => findAnnotation(resource.annotations, 'c1.connector.v2.UserTrait');

describe('teamtailorUserResource', () => {
  it('maps name, login email, emails, title and role with its label', () => {
    const included = v.parse(v.array(jsonApiAnyResourceSchema), [
      { id: '5', type: 'departments', attributes: { name: 'Engineering' } },
      { id: '9', type: 'locations', attributes: { name: 'Stockholm HQ' } },
    ]);
    const resource = teamtailorUserResource(
      user(
        '4468',
        {
          name: 'Jonas Brusman',
          email: 'jonas@example.com',
          'login-email': 'jonas@sso.example.com',
          username: 'jonas5',
          title: 'Developer',
          role: 'admin',
        },
        { department: { data: { type: 'departments', id: '5' } }, location: { data: { type: 'locations', id: '9' } } },
      ),
      indexIncluded(included),
    );
    const profile = {
      user_id: '4468',
      name: 'Jonas Brusman',
      email: 'jonas@example.com',
      login: 'jonas@sso.example.com',
      username: 'jonas5',
      title: 'Developer',
      role: 'admin',
      role_label: 'Admin',
      department: 'Engineering',
      location: 'Stockholm HQ',
    };
    expect(resource).toMatchObject({ id: { resourceType: 'user', resource: '4468' }, displayName: 'Jonas Brusman', profile });
    expect(trait(resource)).toEqual({
      $type: 'c1.connector.v2.UserTrait',
      emails: [
        { address: 'jonas@sso.example.com', isPrimary: true },
        { address: 'jonas@example.com', isPrimary: false },
      ],
      login: 'jonas@sso.example.com',
      status: { status: 'ENABLED' },
      accountType: 'HUMAN',
      profile,
    });
  });

  it.each([
    ['admin', 'Admin', 'ENABLED'],
    ['recruiter', 'Recruiter', 'ENABLED'],
    ['user', 'User', 'ENABLED'],
    ['designer', 'Designer', 'ENABLED'],
    ['external_recruiter', 'External recruiter', 'ENABLED'],
    ['no_access', 'No access', 'DISABLED'],
    ['interviewer', 'interviewer', 'ENABLED'],
  ])('keeps role %s, labels it %s and marks the user %s', (role, label, status) => {
    const resource = teamtailorUserResource(user('1', { name: 'A', email: 'a@x.test', 'login-email': 'a@x.test', role }));
    expect(resource.profile).toMatchObject({ role, role_label: label });
    expect(trait(resource)?.status).toEqual({ status });
  });

  it('falls back to email when login-email is null (invitation not accepted), and to the id for the name', () => {
    const resource = teamtailorUserResource(user('7', { name: ' ', email: 'pending@x.test', 'login-email': null, role: 'user' }));
    expect(resource.displayName).toBe('pending@x.test');
    expect(trait(resource)).toMatchObject({ login: 'pending@x.test', emails: [{ address: 'pending@x.test', isPrimary: true }] });
    const bare = teamtailorUserResource(user('8', {}));
    expect(bare.displayName).toBe('Teamtailor user 8');
    expect(trait(bare)?.emails).toEqual([]);
  });
});

describe('listing users', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it.each([
    [0, 1],
    [1, 1],
    [29, 1],
    [30, 1],
    [31, 2],
    [95, 4],
  ])('syncs %i users in %i request(s) of 30 by following links.next (plus validation)', async (count, requests) => {
    const users = Array.from({ length: count }, (_, index) => userObject(1000 + index));
    interceptPage(mock.agent, 1, users.slice(0, 30), { hasNext: count > 30 });
    expect(interceptListing(mock.agent, users)).toBe(requests);
    const sync = await runConnectorInMemory(testConnector());
    assertNoPendingInterceptors(mock.agent);
    expect(sync.resources.map((resource) => resource.id.resource)).toEqual(users.map((user) => user.id));
  });

  it('reads department and location names from included on the same request', async () => {
    const users = [
      userObject(1, {}, { department: { data: { type: 'departments', id: '5' } }, location: { data: { type: 'locations', id: '9' } } }),
      userObject(2, {}, { department: { data: { type: 'departments', id: '6' } } }),
    ];
    const included = [
      { id: '5', type: 'departments', attributes: { name: 'People' } },
      { id: '9', type: 'locations', attributes: { name: 'Stockholm HQ', city: 'Stockholm' } },
    ];
    interceptPage(mock.agent, 1, users, { included });
    interceptPage(mock.agent, 1, users, { included });
    const sync = await runConnectorInMemory(testConnector());
    assertNoPendingInterceptors(mock.agent);
    expect(sync.resources[0]?.profile).toMatchObject({ department: 'People', location: 'Stockholm HQ' });
    expect(sync.resources[1]?.profile).not.toHaveProperty('department');
  });
});
