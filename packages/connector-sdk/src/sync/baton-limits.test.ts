import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../connector/contract.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { defineResourceType, entitlement, grant, groupResource, userResource } from '../model/builders.js';
import { truncateUtf8 } from '../model/limits.js';
import { runConnectorInMemory } from '../testing/harness.js';
import { installMockAgent, type InstalledMockAgent } from '../testing/mock-agent.js';
import { testRuntime } from '../testing/test-runtime.js';
import { fitResource, type LimitFindings } from './baton-limits.js';

describe("fitting objects to Baton's limits", () => {
  it('truncates at a character boundary, never inside a multi-byte character', () => {
    expect(truncateUtf8('😀😀😀', 9)).toBe('😀😀'); // 4 bytes each: a third would need 12
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(Buffer.byteLength(truncateUtf8('é'.repeat(513), 1024))).toBe(1024);
  });

  it('keeps timestamps from 0001-01-01 to 9999-12-31 and drops the ones outside', () => {
    const first = new Date('0001-01-01T00:00:00Z');
    const last = new Date('9999-12-31T23:59:59.999Z');
    const findings: LimitFindings = { fixed: [] };
    const kept = fitResource(
      userResource({ type: 'user', id: 1, displayName: 'x', createdAt: first, user: { lastLogin: last } }),
      findings,
    );
    expect(findings).toEqual({ fixed: [] });
    expect(kept.createdAt).toEqual(first);

    const early = new Date(first.getTime() - 1);
    const fitted = fitResource(
      userResource({ type: 'user', id: 2, displayName: 'x', createdAt: early, user: { lastLogin: new Date(last.getTime() + 1) } }),
      findings,
    );
    expect(fitted.createdAt).toBeUndefined();
    expect(fitted.annotations[0]).not.toHaveProperty('lastLogin');
    expect(findings.fixed).toEqual(['createdAt year 0 dropped (outside 0001-9999)', 'lastLogin year 10000 dropped (outside 0001-9999)']);
  });
});

describe("warnings about data beyond Baton's limits", () => {
  const ORIGIN = 'https://api.acme.test';
  const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
  const groupType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });
  const longId = 'x'.repeat(1100);
  const rows = v.array(v.object({ id: v.string(), name: v.string(), created: v.optional(v.string()) }));
  let mock: InstalledMockAgent | undefined;

  afterEach(async () => {
    await mock?.restore();
    mock = undefined;
  });

  /** A connector that lists users and a group's members over the runtime's HTTP client. */
  function acmeConnector(): Connector {
    const client = testRuntime().httpClient({ service: 'acme', baseUrl: `${ORIGIN}/v2` });
    return {
      metadata: { displayName: 'Acme' },
      validate: async () => [],
      resourceSyncers: [
        {
          resourceType: userType,
          list: async () => {
            const { data } = await client.get('users', { schema: rows, searchParams: { api_key: 'secret-in-query-5d1f', limit: 100 } });
            const items = data.map((row) =>
              userResource({ type: userType, id: row.id, displayName: row.name, ...(row.created && { createdAt: new Date(row.created) }) }),
            );
            return { items };
          },
        },
        {
          resourceType: groupType,
          list: async () => ({ items: [groupResource({ type: groupType, id: 'g1', displayName: 'Ops' })] }),
          entitlements: async (group) => ({
            items: [entitlement({ resource: group, slug: 'member', purpose: 'ASSIGNMENT', grantableTo: [userType] })],
          }),
          grants: async (group) => {
            const { data } = await client.get(`groups/${group.id.resource}/members`, { schema: rows });
            const items = data.map((row) =>
              grant({ entitlement: { resource: group, slug: 'member' }, principal: { resourceType: 'user', resource: row.id } }),
            );
            return { items };
          },
        },
      ],
    };
  }

  it('name the endpoint of the page the record came from, without its query', async () => {
    mock = installMockAgent();
    const api = mock.agent.get(ORIGIN);
    const users = [
      { id: 'u1', name: 'Ada', created: '2024-05-01T10:00:00Z' },
      { id: 'u2', name: 'Year Zero', created: '0000-01-01T00:00:00Z' },
      { id: longId, name: 'Long' },
    ];
    api
      .intercept({ path: (path) => path.startsWith('/v2/users?'), method: 'GET' })
      .reply(200, users, { headers: { 'content-type': 'application/json' } });
    api.intercept({ path: '/v2/groups/g1/members', method: 'GET' }).reply(
      200,
      [
        { id: 'u1', name: 'Ada' },
        { id: longId, name: 'Long' },
      ],
      { headers: { 'content-type': 'application/json' } },
    );
    const logger = recordingLogger();
    const { lines } = logger;

    const sync = await runConnectorInMemory(acmeConnector(), { logger });

    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.message)).toEqual([
      "list user resources (GET /users): user:u2 fitted to Baton's limits: createdAt year 0 dropped (outside 0001-9999)",
      `list user resources (GET /users): skipped user:${'x'.repeat(95)}... (1105 bytes): its id is over 1024 bytes, Baton's limit`,
      expect.stringMatching(/^list grants of group:g1 \(GET \/groups\/g1\/members\): skipped group:g1:member:user:x+\.\.\. \(\d+ bytes\)/),
    ]);
    expect(warnings[0]?.fields).toMatchObject({ listing: 'list user resources', endpoint: 'GET /users', record: 'user:u2' });
    expect(JSON.stringify(lines)).not.toContain('secret-in-query-5d1f');
    expect(sync.resources.map((resource) => resource.id.resource).sort()).toEqual(['g1', 'u1', 'u2']);
    expect(sync.grants.map((item) => item.id)).toEqual(['group:g1:member:user:u1']);
  });
});
