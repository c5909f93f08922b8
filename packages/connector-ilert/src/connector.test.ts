import { capabilitiesOf, silentLogger, type ConnectorError } from '@c1/connector-sdk';
import { assertNoPendingInterceptors, describeConformance, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  interceptError,
  interceptListing,
  interceptPage,
  interceptValidation,
  jsonArray,
  ORIGIN,
  testConnector,
  TOKEN,
  userJson,
} from '../test/mock-ilert.js';
import { ilertConnector } from './connector.js';

const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger });

describe('ilert connector', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('is declared as baton-ilert with the package version and sync-only capabilities', () => {
    expect(ilertConnector.name).toBe('ilert');
    expect(ilertConnector.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(capabilitiesOf(testConnector()).connector).toEqual(['SYNC']);
  });

  it('validates by listing one user and one team', async () => {
    interceptPage(mock.agent, 'users', 0, 1, jsonArray([userJson(1)]));
    interceptPage(mock.agent, 'teams', 0, 1, '[]');
    const checks = await testConnector().validate(ctx());
    expect(checks.map((c) => c.name)).toEqual(['list users', 'list teams']);
    assertNoPendingInterceptors(mock.agent);
  });

  it('names the listing that failed validation', async () => {
    interceptPage(mock.agent, 'users', 0, 1, '[]');
    interceptError(mock.agent, '/api/teams', 403, 'Forbidden');
    await expect(testConnector().validate(ctx())).rejects.toThrow(/^cannot list teams: .*403/);
  });

  it('turns a 401 into a message naming the flag and env var', async () => {
    interceptError(mock.agent, '/api/users', 401, 'Unauthorized');
    const error = await testConnector()
      .validate(ctx())
      .catch((e: unknown) => e as ConnectorError);
    expect(error).toMatchObject({ code: 'unauthenticated' });
    expect((error as Error).message).toBe(
      'cannot list users: ilert rejected the API token (401) - check --ilert-api-token / BATON_ILERT_API_TOKEN',
    );
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('turns a 403 into a message about the key permissions, naming the flag', async () => {
    interceptError(mock.agent, '/api/users', 403, 'Forbidden');
    const error = (await runConnectorInMemory(testConnector()).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('permission-denied');
    expect(error.message).toBe(
      'cannot list users: ilert denied GET /users to the API token (403: Forbidden) - the key lacks permission; ' +
        'set --ilert-api-token / BATON_ILERT_API_TOKEN to a key created by an ilert admin (an organization-wide key is recommended)',
    );
  });

  it('retries a 429 and then succeeds', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: (p) => p.startsWith('/api/users'), method: 'GET' })
      .reply(429, '{"status":429,"message":"Too many requests"}', { headers: { 'content-type': 'application/json' } });
    interceptValidation(mock.agent);
    interceptListing(mock.agent, 'users', [userJson(1)]);
    interceptListing(mock.agent, 'teams', []);
    const sync = await runConnectorInMemory(testConnector());
    expect(sync.resources.map((r) => r.id.resource)).toEqual(['1']);
    assertNoPendingInterceptors(mock.agent);
  });

  it('names the field when a page no longer matches the schema', async () => {
    const users = [userJson(1), userJson(2), userJson(3), '{"firstName":"No","lastName":"Id"}'];
    interceptValidation(mock.agent);
    interceptPage(mock.agent, 'users', 0, 100, jsonArray(users));
    interceptListing(mock.agent, 'teams', []);
    const error = (await runConnectorInMemory(testConnector()).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('internal');
    expect(error.message).toContain('GET /users');
    expect(error.message).toContain('[3].id');
  });
});

describeConformance(
  'ilert',
  () => ({
    connector: testConnector(),
    intercept(agent) {
      interceptValidation(agent);
      interceptListing(
        agent,
        'users',
        Array.from({ length: 130 }, (_, i) => userJson(i + 1)),
      );
      interceptListing(agent, 'teams', [
        `{"id":901,"name":"Platform","visibility":"PUBLIC","members":[{"user":${userJson(1)},"role":"ADMIN"},{"user":${userJson(2)},"role":"USER"}]}`,
        `{"id":902,"name":"Support","visibility":"PRIVATE","members":[{"user":${userJson(120)},"role":"STAKEHOLDER"}]}`,
      ]);
    },
  }),
  { describe, it },
);
