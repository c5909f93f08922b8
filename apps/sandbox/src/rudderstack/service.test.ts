import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox.js';
import type { Sandbox } from '../sandbox.js';
import type { ServiceResponse } from '../core/service.js';
import { generateRudderstackOrg } from './generate.js';
import { createRudderstackService, RUDDERSTACK_SCIM_DISABLED_DETAIL, RUDDERSTACK_WORKSPACE_TOKEN_DETAIL } from './service.js';
import type { RudderstackService, RudderstackServiceOptions } from './service.js';

const TOKEN = 'sat-1';
const WORKSPACE_TOKEN = 'workspace-1';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

function service(options: Partial<RudderstackServiceOptions> & { users?: number; groups?: number } = {}): RudderstackService {
  const { users, groups, ...rest } = options;
  return createRudderstackService({
    org: generateRudderstackOrg({ seed: 4, users: users ?? 30, groups: groups ?? 8 }),
    token: TOKEN,
    workspaceToken: WORKSPACE_TOKEN,
    ...rest,
  });
}

function call(target: RudderstackService, url: string, options: { method?: string; headers?: IncomingHttpHeaders } = {}): ServiceResponse {
  const parsed = new URL(url, 'http://sandbox');
  return target.handle({
    method: options.method ?? 'GET',
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: options.headers ?? { authorization: `Bearer ${TOKEN}` },
    body: '',
  }) as ServiceResponse;
}

function json(response: ServiceResponse): Record<string, unknown> {
  return JSON.parse(response.body ?? '') as Record<string, unknown>;
}

function ids(response: ServiceResponse): string[] {
  return (json(response).Resources as { id: string }[]).map((resource) => resource.id);
}

describe('RudderStack SCIM auth', () => {
  it('answers a missing or unknown token with 401 and a workspace token with its own 403, in SCIM error bodies', () => {
    const target = service();
    const missing = call(target, '/scim/v2/Users', { headers: {} });
    expect([missing.status, json(missing)]).toEqual([401, { schemas: [ERROR_URN], status: '401', detail: expect.any(String) }]);
    expect(call(target, '/scim/v2/Users', { headers: { authorization: 'Bearer personal-token' } }).status).toBe(401);
    const workspace = call(target, '/scim/v2/Groups', { headers: { authorization: `Bearer ${WORKSPACE_TOKEN}` } });
    expect([workspace.status, json(workspace).detail, json(workspace).status]).toEqual([403, RUDDERSTACK_WORKSPACE_TOKEN_DETAIL, '403']);
    expect(call(target, '/scim/v2/Users').status).toBe(200);
  });

  it('answers 403 "SCIM not enabled" to the organization token when the plan has no SCIM', () => {
    const refused = call(service({ scimEnabled: false }), '/scim/v2/Users');
    expect([refused.status, json(refused).detail]).toEqual([403, RUDDERSTACK_SCIM_DISABLED_DETAIL]);
  });

  it('answers 404 below another base path, whatever the token, and 405 for writes', () => {
    const target = service();
    const wrong = call(target, '/v2/Users', { headers: {} });
    expect([wrong.status, json(wrong).status]).toEqual([404, '404']);
    expect(call(target, '/scim/v2/Users/nobody').status).toBe(404);
    expect(call(target, '/scim/v2/Users', { method: 'POST' }).status).toBe(405);
  });
});

describe('RudderStack SCIM listings', () => {
  it('caps count at the server maximum and pages by startIndex, with totalResults', () => {
    const target = service({ users: 250, maxPageSize: 100 });
    const first = call(target, '/scim/v2/Users?startIndex=1&count=1000');
    expect(json(first)).toMatchObject({ totalResults: 250, startIndex: 1, itemsPerPage: 100 });
    expect(first.headers?.['content-type']).toMatch(/^application\/scim\+json/);
    const last = call(target, '/scim/v2/Users?startIndex=201&count=1000');
    expect(ids(last)).toEqual(target.org.users.slice(200).map((user) => user.id));
    expect(json(call(target, '/scim/v2/Users?startIndex=251&count=100'))).toMatchObject({
      totalResults: 250,
      itemsPerPage: 0,
      Resources: [],
    });
    expect(json(call(target, '/scim/v2/Users?count=0'))).toMatchObject({ totalResults: 250, Resources: [] });
    expect(ids(call(target, '/scim/v2/Users?startIndex=-3&count=2'))).toEqual(target.org.users.slice(0, 2).map((user) => user.id));
    expect(call(target, '/scim/v2/Users?count=ten').status).toBe(400);
  });

  it('leaves totalResults out when told to', () => {
    const body = json(call(service({ omitTotalResults: true }), '/scim/v2/Groups'));
    expect(body).not.toHaveProperty('totalResults');
    expect(body.Resources).toHaveLength(8);
  });

  it('serves sparse users: userName, displayName when set, emails and active', () => {
    const target = service();
    const user = target.org.users[0];
    const served = json(call(target, `/scim/v2/Users/${user?.id}`));
    expect(served).toMatchObject({
      id: user?.id,
      userName: user?.userName,
      displayName: user?.displayName,
      active: true,
      emails: [{ value: user?.userName, primary: true }],
    });
    const filtered = call(target, `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${user?.userName}"`)}`);
    expect(ids(filtered)).toEqual([user?.id]);
  });

  it('lists flagged groups without members, but GET /Groups/{id} returns them', () => {
    const target = service();
    const listed = json(call(target, '/scim/v2/Groups')).Resources as { id: string; members?: { value: string }[] }[];
    expect(listed[0]?.members?.map((member) => member.value)).toEqual(target.org.groups[0]?.memberIds);
    expect(listed[1]).not.toHaveProperty('members');
    expect(listed[2]?.members).toEqual([]);
    const group = target.org.groups[1];
    const single = json(call(target, `/scim/v2/Groups/${group?.id}`)).members as { value: string }[];
    expect(single.map((member) => member.value)).toEqual(group?.memberIds);
    const byId = json(call(target, `/scim/v2/Groups?filter=${encodeURIComponent(`id eq "${group?.id}"`)}`)).Resources as object[];
    expect(byId).toHaveLength(1);
    expect(byId[0]).not.toHaveProperty('members');
  });

  it('refuses filters it does not support with 400 invalidFilter', () => {
    const target = service();
    const refused = call(target, `/scim/v2/Groups?filter=${encodeURIComponent('id eq "a" or id eq "b"')}`);
    expect([refused.status, json(refused).scimType]).toEqual([400, 'invalidFilter']);
  });
});

describe('RudderStack in the sandbox', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
  });

  it('is mounted with its own tokens, options, request counts and faults', async () => {
    sandbox = await startSandbox({ seed: 3, rudderstack: { users: 12, groups: 3, maxPageSize: 5 } });
    const { baseUrl, token, workspaceToken } = sandbox.services.rudderstack;
    expect(baseUrl).toBe(`${sandbox.url}/rudderstack/scim/v2`);
    expect(token).not.toBe(workspaceToken);
    const get = (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await (await get('/Users?count=100')).json()) as { itemsPerPage: number };
    expect(page.itemsPerPage).toBe(5);
    sandbox.setFaults({ serverErrors: 1 }, 'rudderstack');
    const failed = await get('/Groups');
    expect([failed.status, ((await failed.json()) as { status: string }).status]).toEqual([500, '500']);
    expect((await get('/Groups')).status).toBe(200);
    expect(sandbox.requestCount('rudderstack', 'GET /scim/v2/Users')).toBe(1);
    expect(sandbox.requestCount('rudderstack')).toBe(3);
  });
});
