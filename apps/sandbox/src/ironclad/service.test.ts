import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox.js';
import type { ServiceResponse } from '../core/service.js';
import { generateIroncladOrg } from './generate.js';
import { createIroncladService, passwordProblem } from './service.js';
import type { IroncladService } from './service.js';

const CLIENT_ID = 'client-1';
const CLIENT_SECRET = 'secret-1';
const READ_SCOPES = 'scim.users.readUsers scim.groups.readGroups';
const ALL_SCOPES = `${READ_SCOPES} scim.groups.updateGroups scim.users.createUsers scim.users.deleteUsers`;

function service(
  options: { users?: number; groups?: number; saml?: boolean; clock?: () => number; rateLimits?: false } = {},
): IroncladService {
  return createIroncladService({
    org: generateIroncladOrg({ seed: 3, users: options.users ?? 30, groups: options.groups ?? 5, ...(options.saml ? { saml: true } : {}) }),
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.rateLimits === false ? { rateLimits: false } : {}),
  });
}

function call(
  target: IroncladService,
  method: string,
  url: string,
  options: { headers?: IncomingHttpHeaders; body?: string } = {},
): ServiceResponse {
  const parsed = new URL(url, 'http://sandbox');
  return target.handle({
    method,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: options.headers ?? {},
    body: options.body ?? '',
  }) as ServiceResponse;
}

function json(response: ServiceResponse): Record<string, unknown> {
  return JSON.parse(response.body ?? '') as Record<string, unknown>;
}

function token(target: IroncladService, scope = READ_SCOPES): string {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    scope,
  }).toString();
  const response = call(target, 'POST', '/oauth/token', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  expect(response.status).toBe(200);
  return json(response).access_token as string;
}

function scim(target: IroncladService, method: string, url: string, accessToken: string, body?: unknown): ServiceResponse {
  return call(target, method, `/scim/v2${url}`, {
    headers: { authorization: `Bearer ${accessToken}`, 'x-as-user-email': target.asUserEmail, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('Ironclad token endpoint', () => {
  it('issues a token for a form body, a JSON body or Basic credentials, with expires_in and the scopes', () => {
    const target = service();
    const form = call(target, 'POST', '/oauth/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&scope=${encodeURIComponent(READ_SCOPES)}`,
    });
    expect(json(form)).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: READ_SCOPES });
    const asJson = call(target, 'POST', '/oauth/token', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    });
    expect(asJson.status).toBe(200);
    const basic = call(target, 'POST', '/oauth/token', {
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(basic.status).toBe(200);
  });

  it('answers a wrong secret with 403 unauthorized_client, an unknown client with 401 and an unknown scope with 400', () => {
    const target = service();
    const ask = (id: string, secret: string, scope: string) =>
      call(target, 'POST', '/oauth/token', {
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret, scope }).toString(),
      });
    expect([ask(CLIENT_ID, 'wrong', READ_SCOPES).status, json(ask(CLIENT_ID, 'wrong', READ_SCOPES)).error]).toEqual([
      403,
      'unauthorized_client',
    ]);
    expect(json(ask('nobody', CLIENT_SECRET, READ_SCOPES)).error).toBe('invalid_client');
    const badScope = ask(CLIENT_ID, CLIENT_SECRET, 'scim.users.readUsers scim.everything');
    expect([badScope.status, json(badScope).error]).toEqual([400, 'invalid_scope']);
  });

  it('stops accepting a token once it expired', () => {
    let now = Date.UTC(2025, 0, 1);
    const target = service({ clock: () => now });
    const accessToken = token(target);
    expect(scim(target, 'GET', '/Users?count=1', accessToken).status).toBe(200);
    now += 3600 * 1000;
    const expired = scim(target, 'GET', '/Users?count=1', accessToken);
    expect(expired.status).toBe(401);
    expect(json(expired)).toMatchObject({ status: '401', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
  });
});

describe('Ironclad SCIM', () => {
  it('needs x-as-user-email (400 without it, 403 for a non-admin)', () => {
    const target = service();
    const accessToken = token(target);
    const missing = call(target, 'GET', '/scim/v2/Users', { headers: { authorization: `Bearer ${accessToken}` } });
    expect([missing.status, json(missing).status]).toEqual([400, '400']);
    const nonAdmin = target.org.users.find((user) => !user.admin);
    const refused = call(target, 'GET', '/scim/v2/Users', {
      headers: { authorization: `Bearer ${accessToken}`, 'x-as-user-email': nonAdmin?.userName ?? '' },
    });
    expect(refused.status).toBe(403);
    const byId = call(target, 'GET', '/scim/v2/Users', {
      headers: { authorization: `Bearer ${accessToken}`, 'x-as-user-id': target.org.users[0]?.id ?? '' },
    });
    expect(byId.status).toBe(200);
  });

  it('pages users with startIndex and count (max 1000) in a ListResponse', () => {
    const target = service({ users: 1205, rateLimits: false });
    const accessToken = token(target);
    const first = json(scim(target, 'GET', '/Users?startIndex=1&count=1000', accessToken));
    expect(first).toMatchObject({ totalResults: 1205, startIndex: 1, itemsPerPage: 1000 });
    const second = json(scim(target, 'GET', '/Users?startIndex=1001&count=1000', accessToken));
    expect(second).toMatchObject({ totalResults: 1205, startIndex: 1001, itemsPerPage: 205 });
    expect((second.Resources as { id: string }[])[0]?.id).toBe(target.org.users[1000]?.id);
    expect(json(scim(target, 'GET', '/Users', accessToken)).itemsPerPage).toBe(25);
    expect(scim(target, 'GET', '/Users?count=1001', accessToken).status).toBe(400);
  });

  it('serves users with the enterprise and Ironclad extensions, and groups with inline members', () => {
    const target = service();
    const accessToken = token(target);
    const user = target.org.users[0];
    const served = json(scim(target, 'GET', `/Users/${user?.id}`, accessToken));
    expect(served).toMatchObject({
      id: user?.id,
      userName: user?.userName,
      active: true,
      emails: [{ value: user?.userName, primary: true }],
    });
    expect(served['urn:ietf:params:scim:schemas:extension:ironclad:2.0:User']).toMatchObject({ provider: 'local' });
    const group = json(scim(target, 'GET', `/Groups/${target.org.groups[0]?.id}`, accessToken));
    expect(group.members).toEqual(target.org.groups[0]?.memberIds.map((value) => ({ type: 'User', value })));
    expect(scim(target, 'GET', '/Groups/nope', accessToken).status).toBe(404);
  });

  it('filters users by userName and rejects other filters with invalidFilter (misspelled schema key)', () => {
    const target = service();
    const accessToken = token(target);
    const user = target.org.users[5];
    const found = json(
      scim(target, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${user?.userName.toUpperCase()}"`)}`, accessToken),
    );
    expect(found).toMatchObject({ totalResults: 1, Resources: [{ id: user?.id }] });
    const bad = scim(target, 'GET', `/Users?filter=${encodeURIComponent('name.lastName eq "x"')}`, accessToken);
    expect(bad.status).toBe(400);
    expect(json(bad)).toMatchObject({ schema: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidFilter' });
  });

  it('adds and removes group members with the documented value array, and refuses a read-only token', () => {
    const target = service();
    const group = target.org.groups[1];
    const user = target.org.users[7];
    if (!group || !user) throw new Error('fixture');
    const add = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
    };
    expect(scim(target, 'PATCH', `/Groups/${group.id}`, token(target), add).status).toBe(403);
    const writer = token(target, ALL_SCOPES);
    expect(scim(target, 'PATCH', `/Groups/${group.id}`, writer, add).status).toBe(204);
    expect(scim(target, 'PATCH', `/Groups/${group.id}`, writer, add).status).toBe(204);
    expect(group.memberIds).toEqual([user.id]);
    const filterForm = { ...add, Operations: [{ op: 'remove', path: `members[value eq "${user.id}"]` }] };
    expect(scim(target, 'PATCH', `/Groups/${group.id}`, writer, filterForm).status).toBe(400);
    const remove = { ...add, Operations: [{ op: 'remove', path: 'members', value: [{ value: user.id }] }] };
    expect(scim(target, 'PATCH', `/Groups/${group.id}`, writer, remove).status).toBe(204);
    expect(group.memberIds).toEqual([]);
  });

  it('creates users with the password rule, 409 on an existing userName, and no password in a SAML company', () => {
    const target = service();
    const writer = token(target, ALL_SCOPES);
    const body = (password?: string, userName = 'new.person@contoso.example') => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'New', familyName: 'Person' },
      ...(password === undefined ? {} : { password }),
    });
    expect(scim(target, 'POST', '/Users', writer, body('short1!A')).status).toBe(400);
    expect(scim(target, 'POST', '/Users', writer, body()).status).toBe(400);
    const created = scim(target, 'POST', '/Users', writer, body('Abcdefghijklmno1!'));
    expect(created.status).toBe(201);
    expect(JSON.stringify(json(created))).not.toContain('Abcdefghijklmno1!');
    expect(target.org.users.at(-1)?.userName).toBe('new.person@contoso.example');
    const again = scim(target, 'POST', '/Users', writer, body('Abcdefghijklmno1!', 'NEW.person@contoso.example'));
    expect([again.status, json(again).status]).toEqual([409, '409']);
    expect(scim(target, 'POST', '/Users', token(target), body('Abcdefghijklmno1!', 'x@contoso.example')).status).toBe(403);

    const saml = service({ saml: true });
    expect(scim(saml, 'POST', '/Users', token(saml, ALL_SCOPES), body()).status).toBe(201);
  });

  it('states the password rule', () => {
    expect(passwordProblem('Abcdefghijklmno1!')).toBeUndefined();
    expect(passwordProblem('abcdefghijklmnop1!')).toContain('upper-case');
    expect(passwordProblem('Ab1!')).toContain('16');
  });

  it('limits user changes to 50 a minute and reads to 600 a minute', () => {
    let now = Date.UTC(2025, 0, 1);
    const target = service({ users: 80, clock: () => now });
    const writer = token(target, ALL_SCOPES);
    const statuses = target.org.users.slice(1, 52).map((user) => scim(target, 'DELETE', `/Users/${user.id}`, writer).status);
    expect(statuses.slice(0, 50).every((status) => status === 204)).toBe(true);
    expect(statuses[50]).toBe(429);
    expect(scim(target, 'GET', '/Users?count=1', writer).status).toBe(200);
    let reads = 1;
    while (scim(target, 'GET', '/Groups?count=1', writer).status === 200) reads += 1;
    expect(reads).toBe(601);
    now += 60_000;
    expect(scim(target, 'GET', '/Groups?count=1', writer).status).toBe(200);
  });
});

describe('Ironclad in the sandbox', () => {
  it('is mounted at /ironclad with its client, admin email and request counts', async () => {
    const sandbox = await startSandbox({ seed: 4, ironclad: { users: 12, groups: 3 } });
    try {
      const { baseUrl, clientId, clientSecret, asUserEmail, org } = sandbox.services.ironclad;
      expect(baseUrl).toBe(`${sandbox.url}/ironclad`);
      const tokenResponse = await fetch(`${baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: READ_SCOPES }),
      });
      const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
      const users = await fetch(`${baseUrl}/scim/v2/Users?count=1000`, {
        headers: { authorization: `Bearer ${accessToken}`, 'x-as-user-email': asUserEmail },
      });
      expect(((await users.json()) as { totalResults: number }).totalResults).toBe(org.users.length);
      expect(sandbox.requestCount('ironclad')).toBe(2);
      expect(sandbox.requestCount('ironclad', 'GET /scim/v2/Users')).toBe(1);
      sandbox.setFaults({ serverErrors: 1, serverErrorStatus: 503 }, 'ironclad');
      const faulted = await fetch(`${baseUrl}/scim/v2/Users`, {
        headers: { authorization: `Bearer ${accessToken}`, 'x-as-user-email': asUserEmail },
      });
      expect([faulted.status, ((await faulted.json()) as { status: string }).status]).toEqual([503, '503']);
    } finally {
      await sandbox.close();
    }
  });
});
