import type { Connector } from '@c1/connector-sdk';
import { testRuntime, type MockAgent } from '@c1/connector-sdk/testing';
import { scalrConfig } from '../src/config.js';
import { createScalrConnector } from '../src/connector.js';

/** The account the unit tests use; its origin is intercepted, never reached. */
export const ACCOUNT = 'acme';
export const ORIGIN = 'https://acme.scalr.io';
export const ACCOUNT_ID = 'acc-svrcncgh453bi8g';
export const TOKEN = 'scalr-test-token-7d1e0b';
const API = '/api/iacp/v3';
const HEADERS = { headers: { 'content-type': 'application/vnd.api+json' } };

/** The connector against the mocked account origin (or `baseUrl`), on the SDK's quiet test runtime (instant retries). */
export function testConnector(baseUrl?: string): Connector {
  return createScalrConnector(
    { 'scalr-account': ACCOUNT, 'scalr-api-token': TOKEN, 'scalr-base-url': baseUrl },
    testRuntime({ fields: scalrConfig.fields }),
  );
}

/** An IAM user and its account link; `n` makes the ids and names. */
export interface MemberFixture {
  user: Record<string, unknown> & { id: string };
  link: { status: string; 'last-login-at': string | null };
}

/** A member with every field set; `overrides` replace user attributes, `link` the account-user ones. */
export function member(n: number, overrides: Record<string, unknown> = {}, link: Partial<MemberFixture['link']> = {}): MemberFixture {
  return {
    user: {
      id: `user-${String(n).padStart(15, '0')}`,
      email: `user${n}@acme.test`,
      username: `user${n}`,
      'full-name': `User ${n}`,
      status: 'Active',
      'created-at': '2024-01-01T00:00:00Z',
      'last-login-at': '2025-01-01T00:00:00Z',
      ...overrides,
    },
    link: { status: 'Active', 'last-login-at': '2025-03-01T12:00:00Z', ...link },
  };
}

/** A service account's attributes. */
export function serviceAccount(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  return {
    id: `sa-${String(n).padStart(15, '0')}`,
    name: `bot-${n}`,
    email: `bot-${n}@acme.scalr.io`,
    description: `Bot ${n}`,
    status: 'Active',
    'created-at': '2024-02-01T00:00:00Z',
    ...overrides,
  };
}

function resource(type: string, { id, ...attributes }: Record<string, unknown>, relationships: Record<string, unknown> = {}) {
  return { type, id, attributes, relationships };
}

/** `meta.pagination` for page `number` of `total` items at `size` per page. */
function pagination(number: number, size: number, total: number) {
  const totalPages = Math.max(1, Math.ceil(total / size));
  return {
    'current-page': number,
    'page-size': size,
    'prev-page': number > 1 ? number - 1 : null,
    'next-page': number < totalPages ? number + 1 : null,
    'total-pages': totalPages,
    'total-count': total,
  };
}

function reply(agent: MockAgent, path: string, query: Record<string, string>, body: unknown): void {
  agent
    .get(ORIGIN)
    .intercept({
      path: `${API}/${path}`,
      method: 'GET',
      query,
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.api+json' },
    })
    .reply(200, JSON.stringify(body), HEADERS);
}

/** Intercepts the account lookup by name, answering `ACCOUNT_ID` (or no account). */
export function interceptAccount(agent: MockAgent, found = true): void {
  reply(
    agent,
    'accounts',
    { 'filter[name]': ACCOUNT },
    {
      data: found ? [resource('accounts', { id: ACCOUNT_ID, name: ACCOUNT })] : [],
      meta: { pagination: pagination(1, 20, found ? 1 : 0) },
    },
  );
}

/** Intercepts one page of `/account-users?include=user`; `meta` overrides the pagination facts. */
export function interceptMembers(
  agent: MockAgent,
  number: number,
  size: number,
  members: readonly MemberFixture[],
  total: number,
  meta: Record<string, unknown> = {},
): void {
  const data = members.map((m, i) =>
    resource(
      'account-users',
      { id: `au-${number}-${i}`, ...m.link },
      { user: { data: { type: 'users', id: m.user.id } }, account: { data: { type: 'accounts', id: ACCOUNT_ID } } },
    ),
  );
  const query = { 'filter[account]': ACCOUNT_ID, include: 'user', 'page[number]': String(number), 'page[size]': String(size) };
  reply(agent, 'account-users', query, {
    data,
    included: members.map((m) => resource('users', m.user)),
    meta: { pagination: { ...pagination(number, size, total), ...meta } },
  });
}

/** Intercepts one page of `/service-accounts`. */
export function interceptServiceAccounts(
  agent: MockAgent,
  number: number,
  size: number,
  accounts: readonly Record<string, unknown>[],
  total: number,
): void {
  const query = { 'filter[account]': ACCOUNT_ID, 'page[number]': String(number), 'page[size]': String(size) };
  reply(agent, 'service-accounts', query, {
    data: accounts.map((a) => resource('service-accounts', a)),
    meta: { pagination: pagination(number, size, total) },
  });
}

/** Intercepts every page a full listing takes at 100 a page; returns the number of pages. */
export function interceptListings(
  agent: MockAgent,
  members: readonly MemberFixture[],
  accounts: readonly Record<string, unknown>[],
): number {
  let pages = 0;
  for (let n = 1; n === 1 || (n - 1) * 100 < members.length; n++, pages++)
    interceptMembers(agent, n, 100, members.slice((n - 1) * 100, n * 100), members.length);
  for (let n = 1; n === 1 || (n - 1) * 100 < accounts.length; n++, pages++)
    interceptServiceAccounts(agent, n, 100, accounts.slice((n - 1) * 100, n * 100), accounts.length);
  return pages;
}

/** Intercepts the requests `validate` makes after the account lookup: one user, one service account. */
export function interceptValidation(agent: MockAgent): void {
  interceptMembers(agent, 1, 1, [member(1)], 1);
  interceptServiceAccounts(agent, 1, 1, [serviceAccount(1)], 1);
}

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 503: 'Service Unavailable' };

/** Intercepts one request to `path` answered with `status` and a JSON:API error body. */
export function interceptError(agent: MockAgent, path: string, status: number, detail: string, times = 1): void {
  agent
    .get(ORIGIN)
    .intercept({ path: (p) => p.startsWith(`${API}/${path}`), method: 'GET' })
    .reply(status, JSON.stringify({ errors: [{ status: String(status), title: TITLES[status] ?? 'Error', detail }] }), HEADERS)
    .times(times);
}
