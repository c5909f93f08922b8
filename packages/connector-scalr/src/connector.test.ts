import { capabilitiesOf, silentLogger, type ConnectorError } from '@c1/connector-sdk';
import { formatConfigProblems, resolveConfig } from '@c1/connector-sdk/internals';
import { assertNoPendingInterceptors, describeConformance, runConnectorInMemory, useMockAgent } from '@c1/connector-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_ID,
  interceptAccount,
  interceptError,
  interceptListings,
  interceptValidation,
  member,
  ORIGIN,
  serviceAccount,
  testConnector,
  TOKEN,
} from '../test/mock-scalr.js';
import { scalrConfig } from './config.js';
import { scalrConnector } from './connector.js';

const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ConnectorError,
  );
const NOT_READABLE =
  'the token cannot read users in account acme, or the account does not exist - check --scalr-account / BATON_SCALR_ACCOUNT ' +
  'and that --scalr-api-token / BATON_SCALR_API_TOKEN may read users and service accounts there';

describe('Scalr config', () => {
  const problems = (flags: Record<string, string>) => {
    const result = resolveConfig(scalrConfig, { flags: { 'scalr-api-token': 't', ...flags }, env: {} });
    return result.ok ? '' : formatConfigProblems(result.problems);
  };

  it('takes the bare subdomain and an https or loopback base URL', () => {
    expect(problems({ 'scalr-account': 'acme' })).toBe('');
    expect(problems({ 'scalr-account': 'acme-prod', 'scalr-base-url': 'http://127.0.0.1:8080/scalr/acme' })).toBe('');
  });

  it('refuses a URL or host name as the account, showing the expected form', () => {
    expect(problems({ 'scalr-account': 'https://acme.scalr.io' })).toContain(
      "--scalr-account / BATON_SCALR_ACCOUNT must be the account's subdomain alone, such as 'acme' for https://acme.scalr.io, " +
        "not a URL or host name (for https://acme.scalr.io use 'acme')",
    );
    expect(problems({ 'scalr-account': 'acme.scalr.io' })).toContain("use 'acme'");
    expect(problems({ 'scalr-account': 'acme/x' })).toContain("such as 'acme'");
  });

  it('refuses a plain-http base URL and requires the account and token', () => {
    expect(problems({ 'scalr-account': 'acme', 'scalr-base-url': 'http://scalr.internal' })).toContain(
      '--scalr-base-url / BATON_SCALR_BASE_URL must use https',
    );
    const result = resolveConfig(scalrConfig, { flags: {}, env: {} });
    expect(result.ok ? '' : formatConfigProblems(result.problems)).toMatch(
      /--scalr-account \/ BATON_SCALR_ACCOUNT is required[\s\S]*--scalr-api-token/,
    );
  });
});

describe('Scalr connector', () => {
  const mock = useMockAgent({ beforeEach, afterEach });

  it('is declared as baton-scalr with sync-only capabilities', () => {
    expect(scalrConnector.name).toBe('scalr');
    expect(capabilitiesOf(testConnector()).connector).toEqual(['SYNC']);
  });

  it('finds the account once for validate and the sync, and validates with one user and one service account', async () => {
    interceptAccount(mock.agent);
    interceptValidation(mock.agent);
    interceptListings(mock.agent, [member(1)], [serviceAccount(1)]);
    const connector = testConnector();
    const checks = await connector.validate(ctx());
    expect(checks).toEqual([
      { name: 'find the account', detail: `account acme is ${ACCOUNT_ID}` },
      { name: 'list users', detail: 'GET /account-users answered' },
      { name: 'list service accounts', detail: 'GET /service-accounts answered' },
    ]);
    const page = await connector.resourceSyncers[0]?.list({ pageToken: '', ctx: ctx() });
    expect(page?.items).toHaveLength(1);
    await connector.resourceSyncers[0]?.list({ pageToken: page?.nextPageToken ?? '', ctx: ctx() });
    assertNoPendingInterceptors(mock.agent);
  });

  it('uses the base-URL override instead of https://<account>.scalr.io', async () => {
    mock.agent
      .get('https://scalr.internal.test')
      .intercept({ path: '/scalr/api/iacp/v3/accounts', method: 'GET', query: { 'filter[name]': 'acme' } })
      .reply(200, JSON.stringify({ data: [{ type: 'accounts', id: ACCOUNT_ID, attributes: {} }] }));
    mock.agent
      .get('https://scalr.internal.test')
      .intercept({ path: (p) => p.startsWith('/scalr/api/iacp/v3/account-users'), method: 'GET' })
      .reply(200, '{"data":[]}');
    mock.agent
      .get('https://scalr.internal.test')
      .intercept({ path: (p) => p.startsWith('/scalr/api/iacp/v3/service-accounts'), method: 'GET' })
      .reply(200, '{"data":[]}');
    await expect(testConnector('https://scalr.internal.test/scalr').validate(ctx())).resolves.toHaveLength(3);
  });

  it('explains a 404 on the first listing as a permission or account problem naming both flags', async () => {
    interceptAccount(mock.agent);
    interceptError(mock.agent, 'account-users', 404, 'No such thing');
    const error = await failure(runConnectorInMemory(testConnector()));
    expect(error).toMatchObject({ code: 'not-found', status: 404 });
    expect(error?.message).toBe(
      `cannot list users: Scalr GET /account-users failed with status 404: Not Found: No such thing; ${NOT_READABLE}`,
    );
  });

  it('says the same when the account lookup answers 404 or finds no account of that name', async () => {
    interceptError(mock.agent, 'accounts', 404, 'No such thing');
    expect((await failure(testConnector().validate(ctx())))?.message).toBe(
      `cannot find the account: Scalr GET /accounts failed with status 404: Not Found: No such thing; ${NOT_READABLE}`,
    );
    interceptAccount(mock.agent, false);
    const none = await failure(testConnector().validate(ctx()));
    expect([none?.code, none?.message]).toEqual([
      'not-found',
      `cannot find the account: Scalr GET /accounts found no account named acme; ${NOT_READABLE}`,
    ]);
  });

  it('names --scalr-api-token / BATON_SCALR_API_TOKEN on a 401, without the token', async () => {
    interceptError(mock.agent, 'accounts', 401, 'Invalid token');
    const error = await failure(testConnector().validate(ctx()));
    expect(error).toMatchObject({ code: 'unauthenticated' });
    expect(error?.message).toBe(
      'cannot find the account: Scalr rejected the API token (401) - check --scalr-api-token / BATON_SCALR_API_TOKEN',
    );
    expect(error?.message).not.toContain(TOKEN);
  });

  it("quotes the JSON:API errors' title and detail as the API's message", async () => {
    interceptAccount(mock.agent);
    interceptError(mock.agent, 'account-users', 400, 'Invalid filter[account] value', 1);
    const error = await failure(runConnectorInMemory(testConnector()));
    expect(error?.apiMessage).toBe('Bad Request: Invalid filter[account] value');
    expect(error?.message).toBe(
      'cannot list users: Scalr GET /account-users failed with status 400: Bad Request: Invalid filter[account] value',
    );
  });

  it('retries a 429 and a 503 and then succeeds', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: (p) => p.includes('/accounts'), method: 'GET' })
      .reply(429, '{"errors":[{"status":"429","detail":"slow down"}]}', { headers: { 'retry-after': '0' } });
    interceptError(mock.agent, 'account-users', 503, 'maintenance');
    interceptAccount(mock.agent);
    interceptValidation(mock.agent);
    interceptListings(mock.agent, [member(1)], []);
    const result = await runConnectorInMemory(testConnector());
    expect(result.resources.map((r) => r.id.resource)).toEqual(['user-000000000000001']);
    assertNoPendingInterceptors(mock.agent);
  });
});

describeConformance(
  'scalr',
  () => ({
    connector: testConnector(),
    intercept(agent) {
      interceptAccount(agent);
      interceptValidation(agent);
      interceptListings(
        agent,
        Array.from({ length: 130 }, (_, i) => member(i + 1)),
        [serviceAccount(1), serviceAccount(2, { status: 'Inactive' })],
      );
    },
  }),
  { describe, it },
);
