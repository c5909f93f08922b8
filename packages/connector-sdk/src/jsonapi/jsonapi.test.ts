import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorError } from '../errors/connector-error.js';
import { installMockAgent, type InstalledMockAgent } from '../testing/mock-agent.js';
import { silentLogger } from '../log/logger.js';
import { defineResourceType, userResource } from '../model/builders.js';
import { testRuntime } from '../testing/test-runtime.js';
import { jsonApiErrorMessage } from './errors.js';
import { indexIncluded } from './included.js';
import { jsonApiPage, jsonApiSyncer } from './paging.js';
import { JSON_API_MEDIA_TYPE, jsonApiDocumentSchema, jsonApiResourceSchema } from './schemas.js';

const ORIGIN = 'https://api.jsonapi.test';
const HEADERS = { headers: { 'content-type': JSON_API_MEDIA_TYPE } };
const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger });

let mock: InstalledMockAgent;
beforeEach(() => {
  mock = installMockAgent();
});
afterEach(async () => {
  await mock.restore();
});

const userSchema = jsonApiResourceSchema({ type: 'users', attributes: { email: v.nullish(v.string()), name: v.nullish(v.string()) } });
const http = () =>
  testRuntime().httpClient({
    service: 'Acme',
    baseUrl: `${ORIGIN}/v1`,
    headers: { accept: JSON_API_MEDIA_TYPE },
    errorMessage: jsonApiErrorMessage,
  });
const userJson = (id: string, teamId?: string) => ({
  id,
  type: 'users',
  attributes: { email: `${id}@acme.test`, name: `User ${id}`, ignored: 1 },
  ...(teamId && { relationships: { team: { data: { type: 'teams', id: teamId } }, jobs: { links: { related: 'x' } } } }),
});
function reply(query: Record<string, string>, body: object, path = '/v1/users'): void {
  mock.agent.get(ORIGIN).intercept({ path, method: 'GET', query }).reply(200, body, HEADERS);
}

describe('JSON:API schemas and included', () => {
  it('validates a document: data, attributes, relationships, included, links and meta', () => {
    const schema = jsonApiDocumentSchema(userSchema);
    const document = v.parse(schema, {
      data: userJson('7', 't1'),
      included: [{ id: 't1', type: 'teams', attributes: { name: 'Ops' } }],
      links: { self: 'https://x' },
      meta: { version: 1 },
    });
    expect(document.data.attributes).toEqual({ email: '7@acme.test', name: 'User 7' });
    const included = indexIncluded(document.included);
    expect(included.related(document.data, 'team').map((team) => team.attributes?.name)).toEqual(['Ops']);
    expect(included.related(document.data, 'jobs')).toEqual([]);
    expect(v.safeParse(userSchema, { ...userJson('8'), type: 'teams' }).success).toBe(false);
  });

  it('reads the JSON:API error body into the API message', () => {
    expect(
      jsonApiErrorMessage({
        errors: [
          { status: '422', title: 'Invalid', detail: 'email is taken' },
          { title: 'Invalid', detail: 'email is taken' },
        ],
      }),
    ).toBe('Invalid: email is taken');
    expect(jsonApiErrorMessage({ errors: [{ detail: 'Not authorized' }, { code: 'E2' }] })).toBe('Not authorized; E2');
    expect(jsonApiErrorMessage({ message: 'plain' })).toBe('plain');
  });

  it("puts the JSON:API error into the client's error message", async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: (p) => p.startsWith('/v1/users'), method: 'GET' })
      .reply(401, { errors: [{ title: 'Unauthorized', detail: 'Invalid token' }] }, HEADERS);
    const error = (await jsonApiPage('', { http: http(), path: 'users', schema: userSchema, pageSize: 30 }).catch(
      (e: unknown) => e,
    )) as ConnectorError;
    expect(error.apiMessage).toBe('Unauthorized: Invalid token');
    expect(error.message).toBe('Acme GET /users failed with status 401: Unauthorized: Invalid token');
  });
});

describe('JSON:API paging', () => {
  it('pages by page number until meta.pagination.next-page is null', async () => {
    reply(
      { 'page[number]': '1', 'page[size]': '2', include: 'team' },
      { data: [userJson('1'), userJson('2')], meta: { pagination: { 'next-page': 2 } } },
    );
    reply(
      { 'page[number]': '2', 'page[size]': '2', include: 'team' },
      { data: [userJson('3'), userJson('4')], meta: { pagination: { 'next-page': null } } },
    );
    const options = { http: http(), path: 'users', schema: userSchema, pageSize: 2, searchParams: { include: 'team' } };
    const first = await jsonApiPage('', options);
    expect(first.items.map((u) => u.id)).toEqual(['1', '2']);
    const second = await jsonApiPage(first.nextPageToken ?? '', options);
    expect(second.items.map((u) => u.id)).toEqual(['3', '4']);
    expect(second.nextPageToken).toBeUndefined();
  });

  it('pages by meta.page-count when there is no pagination object', async () => {
    reply({ 'page[number]': '1', 'page[size]': '2' }, { data: [userJson('1'), userJson('2')], meta: { 'page-count': 1 } });
    expect((await jsonApiPage('', { http: http(), path: 'users', schema: userSchema, pageSize: 2 })).nextPageToken).toBeUndefined();
  });

  it("follows links.next until it is absent, and a syncer maps items with the page's included resources", async () => {
    reply(
      { 'page[size]': '30' },
      {
        data: [userJson('1', 't1')],
        included: [{ id: 't1', type: 'teams', attributes: { name: 'Ops' } }],
        links: { next: `${ORIGIN}/v1/users?page%5Bnumber%5D=2&page%5Bsize%5D=30` },
      },
    );
    reply({ 'page[number]': '2', 'page[size]': '30' }, { data: [userJson('2')], links: { self: 'x' } });
    const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
    const syncer = jsonApiSyncer({
      http: http(),
      path: 'users',
      schema: userSchema,
      pageSize: 30,
      paging: 'links',
      resourceType: userType,
      toResource: (item, included) =>
        userResource({
          type: userType,
          id: item.id,
          displayName: item.attributes.name ?? item.id,
          profile: { team: (included.related(item, 'team')[0]?.attributes?.name as string) ?? null },
          user: {},
        }),
    });
    const first = await syncer.list({ pageToken: '', ctx: ctx() });
    expect(first.items.map((r) => [r.displayName, r.profile])).toEqual([['User 1', { team: 'Ops' }]]);
    const second = await syncer.list({ pageToken: first.nextPageToken ?? '', ctx: ctx() });
    expect(second.items.map((r) => r.id.resource)).toEqual(['2']);
    expect(second.nextPageToken).toBeUndefined();
    mock.agent.assertNoPendingInterceptors();
  });

  it('refuses a next link to another origin', async () => {
    reply({ 'page[size]': '30' }, { data: [userJson('1')], links: { next: 'https://evil.test/v1/users?page=2' } });
    const options = { http: http(), path: 'users', schema: userSchema, pageSize: 30, paging: 'links' as const };
    const first = await jsonApiPage('', options);
    await expect(jsonApiPage(first.nextPageToken ?? '', options)).rejects.toThrow(
      /refusing to send the Acme credential to https:\/\/evil.test/,
    );
  });
});
