import type { Connector } from '@c1/connector-sdk';
import { testRuntime, type MockAgent } from '@c1/connector-sdk/testing';
import { createIlertConnector } from '../src/connector.js';

/** The base URL the unit tests point the connector at (intercepted, never reached). */
export const BASE_URL = 'https://api.ilert.test/api';
export const ORIGIN = 'https://api.ilert.test';
export const TOKEN = 'ilert-test-token-5f2c9a';

/** The connector against the mocked origin, with backoff waits shortened and no client-side limit. */
export function testConnector(): Connector {
  return createIlertConnector(
    { 'ilert-api-token': TOKEN, 'ilert-base-url': BASE_URL },
    testRuntime({ userAgent: 'baton-ilert/0.0.0-test' }),
  );
}

/** A user as ilert's JSON `User`; the id is written by the caller into raw JSON. */
export function userJson(id: number | string, overrides: Record<string, unknown> = {}): string {
  const fields = {
    firstName: `First${id}`,
    lastName: `Last${id}`,
    email: `user${id}@acme.test`,
    timezone: 'Europe/Berlin',
    position: 'Engineer',
    department: 'Ops',
    avatarUrl: 'https://cdn.ilert.test/a.png',
    language: 'en',
    region: 'DE',
    role: 'RESPONDER',
    shiftColor: '#aabbcc',
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-02T00:00:00Z',
    ...overrides,
  };
  return `{"id":${id},${JSON.stringify(fields).slice(1)}`;
}

/** A JSON array of the given raw JSON items. */
export const jsonArray = (items: readonly string[]) => `[${items.join(',')}]`;

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

/** Intercepts one `GET /api/<resource>` page, bearer token required. */
export function interceptPage(agent: MockAgent, resource: 'users' | 'teams', startIndex: number, maxResults: number, body: string): void {
  agent
    .get(ORIGIN)
    .intercept({
      path: `/api/${resource}`,
      method: 'GET',
      query: { 'start-index': String(startIndex), 'max-results': String(maxResults) },
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    .reply(200, body, JSON_HEADERS);
}

/**
 * Intercepts exactly the pages a full listing of `items` should take at 100 per page: every
 * page up to the first short one (an empty page after a full last page).
 */
export function interceptListing(agent: MockAgent, resource: 'users' | 'teams', items: readonly string[]): number {
  let requests = 0;
  for (let start = 0; ; start += 100) {
    const page = items.slice(start, start + 100);
    interceptPage(agent, resource, start, 100, jsonArray(page));
    requests += 1;
    if (page.length < 100) return requests;
  }
}

/** Intercepts one request answered with an error status and ilert's error body. */
export function interceptError(agent: MockAgent, path: string, status: number, message: string): void {
  agent
    .get(ORIGIN)
    .intercept({ path: (p) => p.startsWith(path), method: 'GET' })
    .reply(status, JSON.stringify({ status, message, code: 'ERR' }), JSON_HEADERS);
}

/** Intercepts the two requests `validate` makes (one user, one team), which every sync starts with. */
export function interceptValidation(agent: MockAgent): void {
  interceptPage(agent, 'users', 0, 1, jsonArray([userJson(1)]));
  interceptPage(agent, 'teams', 0, 1, '[]');
}
