import { findAnnotation, silentLogger, type Resource } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, recordingLogger, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interceptListing, interceptValidation, ORIGIN, testConnector, TOKEN, userJson } from '../test/mock-ilert.js';
import { ilertTeamSchema } from './client.js';
import { parseJsonWithExactIds } from '@c1/connector-sdk';
import { ilertTeamResource } from './teams.js';

const teamJson = (id: number, name: string, members: [number, string][], visibility = 'PRIVATE') =>
  `{"id":${id},"name":${JSON.stringify(name)},"visibility":"${visibility}","members":[${members
    .map(([user, role]) => `{"user":${userJson(user)},"role":"${role}"}`)
    .join(',')}],"createdAt":"2024-03-01T10:00:00Z","updatedAt":"2024-03-02T10:00:00Z"}`;

describe('ilertTeamResource', () => {
  it('maps a team to a group resource with its visibility in the profile', () => {
    const team = v.parse(ilertTeamSchema, parseJsonWithExactIds(teamJson(901, 'Platform', [], 'PUBLIC')));
    const res = ilertTeamResource(team);
    expect(res).toMatchObject({
      id: { resourceType: 'team', resource: '901' },
      displayName: 'Platform',
      profile: { name: 'Platform', visibility: 'PUBLIC' },
      createdAt: new Date('2024-03-01T10:00:00Z'),
    });
    expect(findAnnotation(res.annotations, 'c1.connector.v2.GroupTrait')).toEqual({
      $type: 'c1.connector.v2.GroupTrait',
      profile: { name: 'Platform', visibility: 'PUBLIC' },
    });
  });
});

describe('syncing teams', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('emits four role entitlements per team and one grant per member, with no request per team', async () => {
    interceptValidation(mock.agent);
    interceptListing(mock.agent, 'users', [userJson(1), userJson(2), userJson(3)]);
    interceptListing(mock.agent, 'teams', [
      teamJson(901, 'Platform', [
        [1, 'ADMIN'],
        [2, 'RESPONDER'],
      ]),
      teamJson(902, 'Support', [
        [2, 'USER'],
        [3, 'STAKEHOLDER'],
      ]),
    ]);
    const sync = await runConnectorInMemory(testConnector());
    assertNoPendingInterceptors(mock.agent);

    const team901 = sync.entitlements.filter((e) => e.resource.id.resource === '901');
    expect(team901.map((e) => [e.id, e.displayName, e.purpose, e.grantableTo.map((t) => t.id)])).toEqual([
      ['team:901:admin', 'Admin', 'ASSIGNMENT', ['user']],
      ['team:901:user', 'User', 'ASSIGNMENT', ['user']],
      ['team:901:responder', 'Responder', 'ASSIGNMENT', ['user']],
      ['team:901:stakeholder', 'Stakeholder', 'ASSIGNMENT', ['user']],
    ]);
    expect(sync.entitlements).toHaveLength(8);
    expect(sync.grants.map((g) => g.id).sort()).toEqual([
      'team:901:admin:user:1',
      'team:901:responder:user:2',
      'team:902:stakeholder:user:3',
      'team:902:user:user:2',
    ]);
  });

  it('skips a member whose team role is unknown', async () => {
    interceptValidation(mock.agent);
    interceptListing(mock.agent, 'users', [userJson(1), userJson(2)]);
    interceptListing(mock.agent, 'teams', [
      teamJson(901, 'Platform', [
        [1, 'ADMIN'],
        [2, 'OWNER'],
      ]),
    ]);
    const sync = await runConnectorInMemory(testConnector());
    expect(sync.grants.map((g) => g.id)).toEqual(['team:901:admin:user:1']);
  });

  it('grants known roles, skips members without a user id or a known role, and warns once per team listing', async () => {
    interceptValidation(mock.agent);
    interceptListing(mock.agent, 'users', [userJson(1), userJson(2), userJson(3), userJson(4)]);
    const member = (user: string | undefined, role: string | undefined) =>
      JSON.stringify({ ...(user !== undefined && { user: JSON.parse(user) as unknown }), ...(role !== undefined && { role }) });
    interceptListing(mock.agent, 'teams', [
      `{"id":901,"name":"Platform","members":[${[
        member(userJson(1), 'ADMIN'),
        member(userJson(2), 'OWNER'),
        member(userJson(3), undefined),
        member(undefined, 'USER'),
        member('{"firstName":"NoId"}', 'RESPONDER'),
      ].join(',')}]}`,
      `{"id":902,"name":"Support","members":[${member(userJson(4), 'GUEST')},${member(userJson(1), 'user')}]}`,
    ]);
    const logger = recordingLogger();
    const sync = await runConnectorInMemory(testConnector(), { logger });
    const warnings = logger.linesAt('warn');
    assertNoPendingInterceptors(mock.agent);
    expect(sync.grants.map((g) => g.id).sort()).toEqual(['team:901:admin:user:1', 'team:902:user:user:1']);
    const skipped = warnings.filter((w) => w.message.includes('team members'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.message).toContain('skipped 5 ilert team members');
    expect(skipped[0]?.fields).toMatchObject({
      count: 5,
      userIds: ['2', '3', '4'],
      roles: ['OWNER', '(missing)', 'GUEST'],
      membersWithoutUser: 2,
      teams: ['901', '902'],
    });
  });

  it('logs one warning, not one per member, for members with unknown roles across a page of teams', async () => {
    interceptValidation(mock.agent);
    interceptListing(mock.agent, 'users', [userJson(1), userJson(2), userJson(3)]);
    interceptListing(mock.agent, 'teams', [
      teamJson(901, 'Platform', [
        [1, 'OWNER'],
        [2, 'ADMIN'],
      ]),
      teamJson(902, 'Support', [[3, 'GUEST']]),
    ]);
    const logger = recordingLogger();
    const sync = await runConnectorInMemory(testConnector(), { logger });
    const warnings = logger.linesAt('warn');
    expect(sync.grants.map((g) => g.id)).toEqual(['team:901:admin:user:2']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ count: 2, userIds: ['1', '3'], roles: ['OWNER', 'GUEST'], teams: ['901', '902'] });
  });

  it('reads the team once when grants are asked for a team this process did not list (a resumed sync)', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/api/teams/904', method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } })
      .reply(200, teamJson(904, 'Infra', [[8, 'USER']]), { headers: { 'content-type': 'application/json' } });
    const teams = testConnector().resourceSyncers.find((s) => s.resourceType.id === 'team');
    const team: Resource = { id: { resourceType: 'team', resource: '904' }, displayName: 'Infra', annotations: [] };
    const ctx = { signal: new AbortController().signal, logger: silentLogger };
    const page = await teams?.grants?.(team, { pageToken: '', ctx });
    expect(page?.items.map((g) => g.id)).toEqual(['team:904:user:user:8']);
    assertNoPendingInterceptors(mock.agent);
  });
});
