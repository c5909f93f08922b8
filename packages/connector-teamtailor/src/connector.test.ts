import { capabilitiesOf, silentLogger, type ConnectorError } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, describeConformance, fakeClock, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, interceptError, interceptListing, interceptPage, userObject, testConnector } from '../test/mock-teamtailor.js';
import { TEAMTAILOR_API_VERSION } from './client.js';
import { teamtailorConnector } from './connector.js';

const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ConnectorError,
  );

describe('Teamtailor connector', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('is declared as baton-teamtailor, sync only, with the eu region by default', () => {
    expect(teamtailorConnector.name).toBe('teamtailor');
    expect(capabilitiesOf(testConnector()).connector).toEqual(['SYNC']);
  });

  it('validates with one request for the first page, which a sync then reads again', async () => {
    interceptPage(mock.agent, 1, [userObject(1)]);
    const checks = await testConnector().validate(ctx());
    expect(checks.map((check) => check.name)).toEqual(['list users']);
    assertNoPendingInterceptors(mock.agent);
  });

  it('names the key and the region flags on a 401, without the key', async () => {
    interceptError(mock.agent, 401, 'Invalid API key');
    const error = await failure(testConnector().validate(ctx()));
    expect(error).toMatchObject({ code: 'unauthenticated' });
    expect(error?.message).toBe(
      'cannot list users: Teamtailor rejected the API key (401) - check --teamtailor-api-key / BATON_TEAMTAILOR_API_KEY ' +
        'and --teamtailor-region / BATON_TEAMTAILOR_REGION: a key is only valid in its own region',
    );
    expect(error?.message).not.toContain(API_KEY);
  });

  it('asks for an Admin scope key on a 403', async () => {
    interceptError(mock.agent, 403, 'Forbidden');
    const error = await failure(runConnectorInMemory(testConnector()));
    expect(error).toMatchObject({ code: 'permission-denied' });
    expect(error?.message).toBe(
      'cannot list users: Teamtailor denied GET /users to the API key (403: Forbidden) - reading users needs an Admin scope key; ' +
        'set --teamtailor-api-key / BATON_TEAMTAILOR_API_KEY to a key with Admin scope',
    );
  });

  it('asks for an Admin scope key when the users come without login-email', async () => {
    const withoutLogin = (id: number) => {
      const user = userObject(id);
      delete (user.attributes as Record<string, unknown>)['login-email'];
      return user;
    };
    interceptPage(mock.agent, 1, [withoutLogin(1), withoutLogin(2)]);
    const error = await failure(testConnector().validate(ctx()));
    expect(error).toMatchObject({ code: 'permission-denied' });
    expect(error?.message).toMatch(
      /^cannot list users: Teamtailor listed users without login-email - reading users needs an Admin scope key; set --teamtailor-api-key/,
    );
  });

  it('says which API version was refused on a 406', async () => {
    interceptError(mock.agent, 406, 'API version 20240904 is not supported');
    const error = await failure(testConnector().validate(ctx()));
    expect(error?.message).toBe(
      'cannot list users: Teamtailor GET /users failed with status 406: Not Acceptable: API version 20240904 is not supported - ' +
        `Teamtailor refused X-Api-Version ${TEAMTAILOR_API_VERSION}, the API version this connector is written for; ` +
        'a connector release for a version Teamtailor accepts is needed',
    );
  });

  it('waits for X-Rate-Limit-Reset (in seconds) when nothing remains, before the next page', async () => {
    const timing = fakeClock();
    const { sleeps } = timing;
    const connector = testConnector({ timing });
    const limits = { 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '7' };
    interceptPage(mock.agent, 1, [userObject(1)], { headers: { ...limits, 'x-rate-limit-remaining': '12' } });
    interceptPage(
      mock.agent,
      1,
      Array.from({ length: 30 }, (_, index) => userObject(index + 1)),
      { hasNext: true, headers: limits },
    );
    interceptPage(mock.agent, 2, [userObject(31)]);
    const sync = await runConnectorInMemory(connector);
    expect(sync.resources).toHaveLength(31);
    expect(sleeps).toEqual([7_000]);
    assertNoPendingInterceptors(mock.agent);
  });

  it('retries a 429 after its X-Rate-Limit-Reset', async () => {
    const timing = fakeClock();
    const { sleeps } = timing;
    const connector = testConnector({ timing });
    interceptError(mock.agent, 429, 'Rate limit exceeded', {
      'x-rate-limit-limit': '50',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': '3',
    });
    interceptListing(mock.agent, [userObject(1)]);
    interceptListing(mock.agent, [userObject(1)]);
    const sync = await runConnectorInMemory(connector);
    expect(sync.resources.map((resource) => resource.id.resource)).toEqual(['1']);
    expect(sleeps).toEqual([3_000]);
  });

  it('names the field when a page no longer matches the schema', async () => {
    interceptPage(mock.agent, 1, [userObject(1), { type: 'users', attributes: {} }]);
    const error = await failure(testConnector().validate(ctx()));
    expect(error?.code).toBe('internal');
    expect(error?.message).toContain('GET /users');
    expect(error?.message).toContain('data[1].id');
  });
});

describeConformance(
  'teamtailor',
  () => ({
    connector: testConnector(),
    intercept(agent) {
      const users = Array.from({ length: 65 }, (_, index) => userObject(index + 1, { role: index === 3 ? 'no_access' : 'user' }));
      interceptPage(agent, 1, users.slice(0, 30), { hasNext: true });
      interceptListing(agent, users);
    },
  }),
  { describe, it },
);
