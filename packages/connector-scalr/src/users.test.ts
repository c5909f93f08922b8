import { findAnnotation, type Resource } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  interceptAccount,
  interceptListings,
  interceptMembers,
  interceptServiceAccounts,
  interceptValidation,
  member,
  serviceAccount,
  testConnector,
} from '../test/mock-scalr.js';

const trait = (resource: Resource | undefined) => findAnnotation(resource?.annotations ?? [], 'c1.connector.v2.UserTrait');

describe('Scalr users and service accounts', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  async function sync(members: ReturnType<typeof member>[], accounts: ReturnType<typeof serviceAccount>[]) {
    interceptAccount(mock.agent);
    interceptValidation(mock.agent);
    interceptListings(mock.agent, members, accounts);
    const result = await runConnectorInMemory(testConnector());
    assertNoPendingInterceptors(mock.agent);
    return new Map(result.resources.map((r) => [r.id.resource, r]));
  }

  it('maps an active user: names, email as login, account-scoped status and last sign-in, created-at', async () => {
    const byId = await sync([member(1)], []);
    const user = byId.get('user-000000000000001');
    expect(user).toMatchObject({
      id: { resourceType: 'user', resource: 'user-000000000000001' },
      displayName: 'User 1',
      createdAt: new Date('2024-01-01T00:00:00Z'),
      profile: {
        user_id: 'user-000000000000001',
        email: 'user1@acme.test',
        login: 'user1@acme.test',
        status: 'Active',
        username: 'user1',
        full_name: 'User 1',
      },
    });
    expect(trait(user)).toMatchObject({
      emails: [{ address: 'user1@acme.test', isPrimary: true }],
      login: 'user1@acme.test',
      loginAliases: ['user1'],
      status: { status: 'ENABLED' },
      accountType: 'HUMAN',
      lastLogin: new Date('2025-03-01T12:00:00Z'),
      createdAt: new Date('2024-01-01T00:00:00Z'),
    });
  });

  it('maps Inactive to disabled and Pending to enabled with the pending state in the profile', async () => {
    const byId = await sync(
      [member(1, {}, { status: 'Inactive' }), member(2, { 'last-login-at': null }, { status: 'Pending', 'last-login-at': null })],
      [],
    );
    expect(trait(byId.get('user-000000000000001'))?.status).toEqual({ status: 'DISABLED' });
    const pending = byId.get('user-000000000000002');
    expect(trait(pending)?.status).toEqual({ status: 'ENABLED', details: 'Pending: invited, has not signed in yet' });
    expect(pending?.profile?.status).toBe('Pending');
    expect(trait(pending)?.lastLogin).toBeUndefined();
  });

  it('falls back to the username, then the email, for the display name', async () => {
    const byId = await sync([member(1, { 'full-name': null }), member(2, { 'full-name': '', username: null })], []);
    expect(byId.get('user-000000000000001')?.displayName).toBe('user1');
    expect(byId.get('user-000000000000002')?.displayName).toBe('user2@acme.test');
  });

  it('maps service accounts as account type SERVICE, keeping the sa- prefix apart from users', async () => {
    const byId = await sync([member(1)], [serviceAccount(1), serviceAccount(2, { status: 'Inactive', description: null })]);
    expect([...byId.keys()]).toEqual(['user-000000000000001', 'sa-000000000000001', 'sa-000000000000002']);
    const bot = byId.get('sa-000000000000001');
    expect(bot).toMatchObject({ displayName: 'bot-1', profile: { email: 'bot-1@acme.scalr.io', status: 'Active', description: 'Bot 1' } });
    expect(trait(bot)).toMatchObject({
      accountType: 'SERVICE',
      status: { status: 'ENABLED' },
      login: 'bot-1@acme.scalr.io',
      createdAt: new Date('2024-02-01T00:00:00Z'),
    });
    expect(trait(byId.get('sa-000000000000002'))).toMatchObject({ accountType: 'SERVICE', status: { status: 'DISABLED' } });
  });

  it('reads an exact multiple of the page size without asking for an empty page', async () => {
    const members = Array.from({ length: 200 }, (_, i) => member(i + 1));
    const byId = await sync(
      members,
      Array.from({ length: 100 }, (_, i) => serviceAccount(i + 1)),
    );
    expect(byId.size).toBe(300);
  });

  it('follows next-page when the API caps the page below the size asked for, and stops on next-page null', async () => {
    interceptAccount(mock.agent);
    interceptValidation(mock.agent);
    const members = Array.from({ length: 120 }, (_, i) => member(i + 1));
    interceptMembers(mock.agent, 1, 100, members.slice(0, 50), 120, { 'page-size': 50, 'next-page': 2, 'total-pages': 3 });
    interceptMembers(mock.agent, 2, 100, members.slice(50, 100), 120, { 'page-size': 50, 'next-page': 3, 'total-pages': 3 });
    interceptMembers(mock.agent, 3, 100, members.slice(100), 120, { 'page-size': 50, 'next-page': null, 'total-pages': 3 });
    interceptServiceAccounts(mock.agent, 1, 100, [], 0);
    const result = await runConnectorInMemory(testConnector());
    expect(result.resources).toHaveLength(120);
    assertNoPendingInterceptors(mock.agent);
  });
});
