import { assertNoPendingInterceptors, fakeClock, testRuntime, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AS_USER,
  CLIENT_ID,
  CLIENT_SECRET,
  group,
  interceptPage,
  interceptToken,
  JSON_HEADERS,
  ORIGIN,
  scimHeaders,
  user,
} from '../test/mock-ironclad.js';
import { createIroncladClient, IRONCLAD_RATE_LIMITS, ironcladScopes } from './client.js';

describe('Ironclad client', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('requests the read scopes, plus the write scopes with provisioning', () => {
    expect(ironcladScopes(false)).toEqual(['scim.users.readUsers', 'scim.groups.readGroups']);
    expect(ironcladScopes(true)).toEqual([
      'scim.users.readUsers',
      'scim.groups.readGroups',
      'scim.groups.updateGroups',
      'scim.users.createUsers',
      'scim.users.deleteUsers',
    ]);
  });

  it("stays under Ironclad's 600/min per bucket: groups wait for the next minute, users have their own bucket", async () => {
    const clock = fakeClock();
    const runtime = testRuntime({ rateLimit: 'declared', timing: clock });
    const client = createIroncladClient(runtime, {
      baseUrl: ORIGIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      asUserEmail: AS_USER,
    });
    interceptToken(mock.agent);
    const requests = IRONCLAD_RATE_LIMITS.reads.requests;
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/scim/v2/Groups/g1', method: 'GET', headers: scimHeaders() })
      .reply(200, group('g1', []), JSON_HEADERS)
      .times(requests + 1);
    const started = clock.now();
    for (let index = 0; index < requests; index++) await client.getGroup('g1');
    expect(clock.now() - started).toBe(0);
    interceptPage(mock.agent, 'Users', 1, 1, 1, [user(1)]);
    expect(await client.countUsers()).toBe(1);
    expect(clock.now() - started).toBe(0);
    await client.getGroup('g1');
    expect(clock.now() - started).toBeGreaterThanOrEqual(60_000);
    expect(requests).toBeLessThan(600);
    expect(IRONCLAD_RATE_LIMITS.userChanges.requests).toBeLessThan(50);
    assertNoPendingInterceptors(mock.agent);
  });
});
