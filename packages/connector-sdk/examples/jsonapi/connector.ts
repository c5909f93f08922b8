import {
  baseUrlCheck,
  defineConfig,
  defineConnector,
  defineResourceType,
  entitlement,
  grant,
  groupResource,
  inlineMembers,
  resourceId,
  runValidationProbes,
  tokenAuth,
  userResource,
  type ResourceSyncer,
} from '@c1/connector-sdk';
import {
  JSON_API_MEDIA_TYPE,
  jsonApiErrorMessage,
  jsonApiPage,
  jsonApiRelated,
  jsonApiResourceSchema,
  jsonApiSyncer,
} from '@c1/connector-sdk/jsonapi';
import type { HttpClient } from '@c1/connector-sdk';
import * as v from 'valibot';

// A JSON:API service: users paged by links.next, teams paged by page number with their members
// as a relationship, and each user's department from `included`.
export const jsonApiConfig = defineConfig({
  fields: {
    'acme-api-key': { type: 'string', required: true, secret: true, description: 'Acme API key' },
    'acme-base-url': {
      type: 'string',
      default: 'https://api.acme.example/v1',
      description: 'Acme API base URL',
      check: baseUrlCheck('https://api.acme.example/v1'),
    },
  },
});

const text = v.nullish(v.string());
const userSchema = jsonApiResourceSchema({ type: 'users', attributes: { email: text, 'first-name': text, 'last-name': text, role: text } });
const teamSchema = jsonApiResourceSchema({ type: 'teams', attributes: { name: text } });

export const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
export const teamType = defineResourceType({ id: 'team', displayName: 'Team', traits: ['GROUP'] });

function userSyncer(http: HttpClient): ResourceSyncer {
  return jsonApiSyncer({
    http,
    path: 'users',
    schema: userSchema,
    pageSize: 30,
    paging: 'links',
    searchParams: { include: 'department' },
    resourceType: userType,
    toResource: (user, included) => {
      const { email, role } = user.attributes;
      const name = [user.attributes['first-name'], user.attributes['last-name']].filter(Boolean).join(' ');
      const department = included.related(user, 'department')[0]?.attributes?.name;
      const profile = { ...(email && { email }), ...(role && { role }), ...(typeof department === 'string' && { department }) };
      return userResource({
        type: userType,
        id: user.id,
        displayName: name || email || user.id,
        profile,
        user: { emails: email ? [{ address: email, isPrimary: true }] : [], ...(email && { login: email }), profile },
      });
    },
  });
}

function teamSyncer(http: HttpClient): ResourceSyncer {
  const members = inlineMembers<string>();
  const listing = { http, path: 'teams', schema: teamSchema, pageSize: 30, searchParams: { include: 'users' } };
  return {
    resourceType: teamType,
    async list({ pageToken }) {
      const page = await jsonApiPage(pageToken, listing);
      for (const team of page.items)
        members.remember(
          team.id,
          jsonApiRelated(team, 'users').map((user) => user.id),
        );
      const items = page.items.map((team) => groupResource({ type: teamType, id: team.id, displayName: team.attributes.name ?? team.id }));
      return { items, ...(page.nextPageToken && { nextPageToken: page.nextPageToken }) };
    },
    async entitlements(team) {
      return {
        items: [
          entitlement({
            resource: team,
            slug: 'member',
            purpose: 'ASSIGNMENT',
            displayName: `${team.displayName} member`,
            grantableTo: [userType],
          }),
        ],
      };
    },
    async grants(team, { ctx }) {
      const reread = async () => {
        const document = await http.get(`teams/${encodeURIComponent(team.id.resource)}`, {
          schema: v.object({ data: teamSchema }),
          searchParams: { include: 'users' },
        });
        return jsonApiRelated(document.data.data, 'users').map((user) => user.id);
      };
      const userIds = await members.take(team.id.resource, reread, ctx.logger);
      return {
        items: userIds.map((id) => grant({ entitlement: { resource: team, slug: 'member' }, principal: resourceId(userType.id, id) })),
      };
    },
  };
}

export const acmeJsonApiConnector = defineConnector({
  name: 'acme-jsonapi',
  version: '1.0.0',
  config: jsonApiConfig,
  declaration: { metadata: { displayName: 'Acme (JSON:API)' }, resourceTypes: [{ resourceType: userType }, { resourceType: teamType }] },
  create(config, runtime) {
    const http = runtime.httpClient({
      service: 'Acme',
      baseUrl: config['acme-base-url'],
      auth: tokenAuth(config['acme-api-key']),
      credential: { name: 'API key', key: 'acme-api-key' },
      headers: { accept: JSON_API_MEDIA_TYPE },
      rateLimit: { requests: 50, intervalMs: 10_000 },
      errorMessage: jsonApiErrorMessage,
      hints: [{ status: 403, mode: 'replace', message: (f) => `${f.setting('acme-api-key')} needs an admin key with read access` }],
    });
    return {
      metadata: { displayName: 'Acme (JSON:API)' },
      validate: () =>
        runValidationProbes([
          {
            name: 'list users',
            run: async () => void (await jsonApiPage('', { http, path: 'users', schema: userSchema, pageSize: 1, paging: 'links' })),
          },
        ]),
      resourceSyncers: [userSyncer(http), teamSyncer(http)],
    };
  },
});
