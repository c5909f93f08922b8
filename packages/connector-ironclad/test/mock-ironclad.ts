import { PassThrough } from 'node:stream';
import { createLogger, type Connector, type Logger, type Timing } from '@c1/connector-sdk';
import { testRuntime, type MockAgent } from '@c1/connector-sdk/testing';
import { createIroncladConnector } from '../src/connector.js';

/** The Ironclad origin the unit tests point the connector at (intercepted, never reached). */
export const ORIGIN = 'https://ironclad.test';
export const CLIENT_ID = 'ic-test-client';
export const CLIENT_SECRET = 'ic-test-secret-7a1f3c';
export const AS_USER = 'admin@contoso.test';
export const ACCESS_TOKEN = 'ic-access-token-0001';
export const READ_SCOPES = 'scim.users.readUsers scim.groups.readGroups';
export const ALL_SCOPES = `${READ_SCOPES} scim.groups.updateGroups scim.users.createUsers scim.users.deleteUsers`;

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

/** A JSON logger at debug level whose lines are kept. */
export function capturingLogger(): { logger: Logger; text(): string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { logger: createLogger({ level: 'debug', format: 'json', stream }), text: () => chunks.join('') };
}

/** The connector against the mocked origin, with retries instant and no client-side limit (unless `rateLimit: 'declared'`). */
export function testConnector(
  options: { provisioning?: boolean; logger?: Logger; timing?: Timing; rateLimit?: 'declared' } = {},
): Connector {
  const runtime = testRuntime({ userAgent: 'baton-ironclad/0.0.0-test', ...options });
  return createIroncladConnector(
    {
      'ic-client-id': CLIENT_ID,
      'ic-client-secret': CLIENT_SECRET,
      'ic-as-user-email': AS_USER,
      environment: 'na1',
      'ic-base-url': ORIGIN,
    },
    runtime,
  );
}

/**
 * Intercepts one token request; `scope` must match the form body exactly. Returns the list the
 * request bodies are recorded into.
 */
export function interceptToken(
  agent: MockAgent,
  options: { scope?: string; token?: string; expiresIn?: number; status?: number; body?: unknown; times?: number } = {},
): void {
  const scope = options.scope ?? READ_SCOPES;
  agent
    .get(ORIGIN)
    .intercept({
      path: '/oauth/token',
      method: 'POST',
      body: (text) => {
        const form = new URLSearchParams(text);
        return (
          form.get('grant_type') === 'client_credentials' &&
          form.get('client_id') === CLIENT_ID &&
          form.get('client_secret') === CLIENT_SECRET &&
          form.get('scope') === scope
        );
      },
    })
    .reply(
      options.status ?? 200,
      (options.body ?? {
        token_type: 'Bearer',
        access_token: options.token ?? ACCESS_TOKEN,
        expires_in: options.expiresIn ?? 3600,
        scope,
      }) as object,
      JSON_HEADERS,
    )
    .times(options.times ?? 1);
}

/** Request headers every SCIM call must carry. */
export function scimHeaders(token = ACCESS_TOKEN): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-as-user-email': AS_USER };
}

/** An Ironclad SCIM user. */
export function user(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `66${index.toString(16).padStart(22, '0')}`,
    userName: `user${index}@contoso.test`,
    name: { givenName: `Given${index}`, familyName: `Family${index}` },
    title: 'Counsel',
    emails: [{ value: `user${index}@contoso.test`, type: 'work', primary: true }],
    active: true,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Legal' },
    'urn:ietf:params:scim:schemas:extension:ironclad:2.0:User': { provider: 'local', allowProviderConversion: false },
    meta: { resourceType: 'User', created: '2025-03-26T18:33:48.336Z', lastModified: '2025-03-26T18:33:48.336Z' },
    ...overrides,
  };
}

/** The id {@link user} gives user `index`. */
export const userId = (index: number): string => user(index).id as string;

/** An Ironclad SCIM group with inline members. */
export function group(id: string, memberIndexes: readonly number[], displayName = `Group ${id}`): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id,
    displayName,
    members: memberIndexes.map((index) => ({ type: 'User', value: userId(index) })),
    meta: { resourceType: 'Group' },
  };
}

/** Intercepts one SCIM list page. */
export function interceptPage(
  agent: MockAgent,
  endpoint: 'Users' | 'Groups',
  startIndex: number,
  count: number,
  totalResults: number,
  resources: readonly unknown[],
): void {
  agent
    .get(ORIGIN)
    .intercept({
      path: `/scim/v2/${endpoint}`,
      method: 'GET',
      query: { startIndex: String(startIndex), count: String(count) },
      headers: scimHeaders(),
    })
    .reply(
      200,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults,
        startIndex,
        itemsPerPage: resources.length,
        Resources: resources,
      },
      JSON_HEADERS,
    );
}

/** Intercepts exactly the pages a full listing takes at 1000 per page; returns the request count. */
export function interceptListing(agent: MockAgent, endpoint: 'Users' | 'Groups', resources: readonly unknown[]): number {
  let requests = 0;
  for (let start = 0; ; start += 1000) {
    interceptPage(agent, endpoint, start + 1, 1000, resources.length, resources.slice(start, start + 1000));
    requests += 1;
    if (start + 1000 >= resources.length) return requests;
  }
}

/** Intercepts `GET /Groups/{id}`. */
export function interceptGroup(agent: MockAgent, body: Record<string, unknown>, status = 200): void {
  agent
    .get(ORIGIN)
    .intercept({ path: `/scim/v2/Groups/${String(body.id)}`, method: 'GET', headers: scimHeaders() })
    .reply(status, body, JSON_HEADERS);
}

/** A SCIM error body, status as a string. */
export function scimError(status: number, detail?: string, scimType?: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType && { scimType }),
    ...(detail && { detail }),
  };
}

export { JSON_HEADERS };

/** Intercepts the two `count=1` probes `validate` makes (the sync engine validates first). */
export function interceptValidation(agent: MockAgent, totals: { users?: number; groups?: number } = {}): void {
  interceptPage(agent, 'Users', 1, 1, totals.users ?? 1, [user(0)]);
  interceptPage(agent, 'Groups', 1, 1, totals.groups ?? 0, []);
}
