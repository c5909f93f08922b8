import type { Connector } from '@c1/connector-sdk';
import { testRuntime, type TestRuntimeOptions, type MockAgent } from '@c1/connector-sdk/testing';
import { TEAMTAILOR_API_VERSION } from '../src/client.js';
import { teamtailorConfig } from '../src/config.js';
import { createTeamtailorConnector } from '../src/connector.js';

/** The mocked origin and base URL the unit tests point the connector at. */
export const ORIGIN = 'https://api.teamtailor.test';
export const BASE_URL = `${ORIGIN}/v1`;
export const API_KEY = 'tt-test-key-9b1e4d';

/** The connector against the mocked origin, on the SDK's test runtime (quiet, instant retries). */
export function testConnector(options: TestRuntimeOptions = {}): Connector {
  return createTeamtailorConnector(
    { 'teamtailor-api-key': API_KEY, 'teamtailor-region': 'eu', 'teamtailor-base-url': BASE_URL },
    testRuntime({ fields: teamtailorConfig.fields, ...options }),
  );
}

/** A `users` resource object as Teamtailor's JSON:API serves it (an Admin scope key's view). */
export function userObject(
  id: string | number,
  attributes: Record<string, unknown> = {},
  relationships: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: String(id),
    type: 'users',
    links: { self: `${BASE_URL}/users/${id}` },
    attributes: {
      email: `user${id}@company.test`,
      'login-email': `user${id}@company.test`,
      name: `User ${id}`,
      username: `u${id}`,
      title: 'Recruiter',
      role: 'user',
      ...attributes,
    },
    relationships: { department: { data: null }, location: { data: null }, ...relationships },
  };
}

const DOC_HEADERS = { 'content-type': 'application/vnd.api+json', 'x-api-version': TEAMTAILOR_API_VERSION };
const pageQuery = (number: number) => ({
  ...(number > 1 && { 'page[number]': String(number) }),
  'page[size]': '30',
  include: 'department,location',
});
/** The `links.next` the mock writes for page `number`. */
export const pageUrl = (number: number) => `${BASE_URL}/users?page%5Bnumber%5D=${number}&page%5Bsize%5D=30&include=department%2Clocation`;

/** Intercepts page `number` of `GET /v1/users`, key and API version required; a next link when `hasNext`. */
export function interceptPage(
  agent: MockAgent,
  number: number,
  data: unknown[],
  options: { hasNext?: boolean; included?: unknown[]; headers?: Record<string, string> } = {},
): void {
  const body = {
    data,
    ...(options.included && { included: options.included }),
    links: { first: pageUrl(1), ...(options.hasNext && { next: pageUrl(number + 1) }) },
  };
  agent
    .get(ORIGIN)
    .intercept({
      path: '/v1/users',
      method: 'GET',
      query: pageQuery(number),
      headers: { authorization: `Token token=${API_KEY}`, 'x-api-version': TEAMTAILOR_API_VERSION },
    })
    .reply(200, JSON.stringify(body), { headers: { ...DOC_HEADERS, ...options.headers } });
}

/** Intercepts the pages a listing of `users` takes at 30 per page; returns the request count. */
export function interceptListing(agent: MockAgent, users: readonly unknown[]): number {
  const pages = Math.max(1, Math.ceil(users.length / 30));
  for (let number = 1; number <= pages; number++)
    interceptPage(agent, number, users.slice((number - 1) * 30, number * 30), { hasNext: number < pages });
  return pages;
}

const TITLES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 406: 'Not Acceptable', 429: 'Too Many Requests' };

/** Intercepts one request to `/v1/users` answered with `status` and a JSON:API error document. */
export function interceptError(agent: MockAgent, status: number, detail: string, headers: Record<string, string> = {}): void {
  agent
    .get(ORIGIN)
    .intercept({ path: (path) => path.startsWith('/v1/users'), method: 'GET' })
    .reply(status, JSON.stringify({ errors: [{ status: String(status), title: TITLES[status] ?? 'Error', detail }] }), {
      headers: { 'content-type': 'application/vnd.api+json', ...headers },
    });
}
