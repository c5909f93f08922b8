import type { Connector } from '@c1/connector-sdk';
import { testRuntime, type MockAgent } from '@c1/connector-sdk/testing';
import { RUDDERSTACK_PAGE_SIZE, rudderstackConnector } from '../src/connector.js';

/** The SCIM base URL the unit tests point the connector at (intercepted, never reached). */
export const ORIGIN = 'https://api.rudderstack.test';
export const BASE_URL = `${ORIGIN}/scim/v2`;
export const TOKEN = 'rs-sat-test-7d1e3b';

/** The connector against the mocked origin, with the test kit's quiet, fast-retrying runtime. */
export function testConnector(): Promise<Connector> {
  return Promise.resolve(
    rudderstackConnector.create({ 'rudderstack-scim-base-url': BASE_URL, 'rudderstack-scim-token': TOKEN }, testRuntime()),
  );
}

const SCIM_HEADERS = { headers: { 'content-type': 'application/scim+json' } };

/** A SCIM user as RudderStack's sparse resource. */
export function scimUser(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `u${n}`,
    userName: `user${n}@acme.test`,
    displayName: `User ${n}`,
    emails: [{ value: `user${n}@acme.test`, primary: true }],
    active: true,
    ...overrides,
  };
}

/** A SCIM group; `members` are user numbers, or `undefined` to leave the attribute out. */
export function scimGroup(n: number, members: number[] | undefined): Record<string, unknown> {
  return { id: `g${n}`, displayName: `Group ${n}`, ...(members && { members: members.map((m) => ({ value: `u${m}`, type: 'User' })) }) };
}

/** Intercepts one listing request (bearer token required) and answers with `body`. */
export function interceptList(
  agent: MockAgent,
  endpoint: 'Users' | 'Groups',
  startIndex: number,
  count: number,
  body: unknown,
  status = 200,
): void {
  agent
    .get(ORIGIN)
    .intercept({
      path: `/scim/v2/${endpoint}`,
      method: 'GET',
      query: { startIndex: String(startIndex), count: String(count) },
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    .reply(status, JSON.stringify(body), SCIM_HEADERS);
}

/** A `ListResponse`; `totalResults` left out when undefined. */
export function listResponse(resources: unknown[], totalResults: number | undefined): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    ...(totalResults !== undefined && { totalResults }),
    Resources: resources,
  };
}

/** Intercepts validate's one-item probes of users and groups. */
export function interceptValidation(agent: MockAgent): void {
  interceptList(agent, 'Users', 1, 1, listResponse([scimUser(1)], 1));
  interceptList(agent, 'Groups', 1, 1, listResponse([], 0));
}

/** Intercepts full-size pages of `items` from `startIndex` 1, each capped at `serverCap` items. */
export function interceptPages(
  agent: MockAgent,
  endpoint: 'Users' | 'Groups',
  items: unknown[],
  options: { serverCap?: number; totalResults?: boolean; emptyLastPage?: boolean } = {},
): void {
  const cap = options.serverCap ?? RUDDERSTACK_PAGE_SIZE;
  const total = options.totalResults === false ? undefined : items.length;
  let start = 1;
  do {
    interceptList(agent, endpoint, start, RUDDERSTACK_PAGE_SIZE, listResponse(items.slice(start - 1, start - 1 + cap), total));
    start += cap;
  } while (start <= items.length);
  if (options.emptyLastPage) interceptList(agent, endpoint, items.length + 1, RUDDERSTACK_PAGE_SIZE, listResponse([], total));
}

/** Intercepts `GET /Groups/{id}`. */
export function interceptGroup(agent: MockAgent, group: Record<string, unknown>): void {
  agent
    .get(ORIGIN)
    .intercept({ path: `/scim/v2/Groups/${String(group.id)}`, method: 'GET' })
    .reply(200, JSON.stringify(group), SCIM_HEADERS);
}

/** Intercepts one request to `path` answered with a SCIM error. */
export function interceptError(agent: MockAgent, path: string, status: number, detail: string): void {
  agent
    .get(ORIGIN)
    .intercept({ path: (p) => p.startsWith(path), method: 'GET' })
    .reply(
      status,
      JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail }),
      SCIM_HEADERS,
    );
}
