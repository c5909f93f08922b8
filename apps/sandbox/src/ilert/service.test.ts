import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox.js';
import type { Sandbox } from '../sandbox.js';

const TWO_POW_53 = 2n ** 53n;

function call(sandbox: Sandbox, path: string, init: { token?: string | null; method?: string; body?: string } = {}): Promise<Response> {
  const { baseUrl, token } = sandbox.services.ilert;
  const headers: Record<string, string> = { accept: 'application/json' };
  const presented = init.token === undefined ? token : init.token;
  if (presented !== null) headers.authorization = `Bearer ${presented}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: init.body }) });
}

/** Ids of the top-level objects (or the one object) in raw JSON text, read without float rounding. */
function rawIds(text: string): string[] {
  return [...text.matchAll(/(?:^|\[|,)\{"id":(\d+)/g)].map((match) => match[1] as string);
}

/** Ids of the users inside team member objects in raw JSON text. */
function rawMemberIds(text: string): string[] {
  return [...text.matchAll(/"user":\{"id":(\d+)/g)].map((match) => match[1] as string);
}

describe('fake ilert API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11, ilert: { users: 250, teams: 30, rateLimitPerMinute: false } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('mounts at <url>/ilert/api', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.services.ilert.baseUrl).toBe(`${sandbox.url}/ilert/api`);
  });

  it('pages users with a 0-based start-index, default 50, and a short last page as bare arrays', async () => {
    const first = await call(sandbox, '/users');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('application/json');
    const firstText = await first.text();
    expect(firstText.startsWith('[')).toBe(true);
    const { users } = sandbox.services.ilert.org;
    expect(rawIds(firstText)).toEqual(users.slice(0, 50).map((user) => user.id));

    const pages: string[][] = [];
    for (let start = 0; ; start += 100) {
      const response = await call(sandbox, `/users?start-index=${start}&max-results=100`);
      const ids = rawIds(await response.text());
      pages.push(ids);
      if (ids.length < 100) break;
    }
    expect(pages.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(users.map((user) => user.id));

    const beyond = await call(sandbox, '/users?start-index=1000');
    expect(await beyond.text()).toBe('[]');
  });

  it('rejects max-results over 100 and malformed paging parameters with 400', async () => {
    for (const query of ['max-results=101', 'max-results=-1', 'start-index=-5', 'start-index=abc', 'max-results=1.5']) {
      const response = await call(sandbox, `/users?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    }
  });

  it('writes ids above 2^53 as exact JSON numbers', async () => {
    const big = sandbox.services.ilert.org.users.find((user) => BigInt(user.id) > TWO_POW_53);
    expect(big).toBeDefined();
    const response = await call(sandbox, `/users/${big!.id}`);
    const text = await response.text();
    expect(text).toContain(`"id":${big!.id},`);
    expect(text).not.toContain(`"${big!.id}"`);
    expect(String(JSON.parse(text).id)).not.toBe(big!.id);
  });

  it('serves a user with every field of the spec, the current user and search by email', async () => {
    const user = sandbox.services.ilert.org.users[3]!;
    const response = await call(sandbox, `/users/${user.id}`);
    const body = (await response.json()) as Record<string, unknown>;
    for (const field of [
      'firstName',
      'lastName',
      'email',
      'timezone',
      'position',
      'department',
      'avatarUrl',
      'language',
      'region',
      'role',
      'shiftColor',
      'createdAt',
      'updatedAt',
    ]) {
      expect(body[field], field).toBe((user as unknown as Record<string, unknown>)[field]);
    }

    const current = await call(sandbox, '/users/current');
    expect(rawIds(await current.text())).toEqual([sandbox.services.ilert.org.users[0]!.id]);

    const found = await call(sandbox, '/users/search-email', { method: 'POST', body: JSON.stringify({ email: user.email.toUpperCase() }) });
    expect(rawIds(await found.text())).toEqual([user.id]);
    const missing = await call(sandbox, '/users/search-email', { method: 'POST', body: '{"email":"nobody@nowhere.example"}' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });

    const unknown = await call(sandbox, '/users/1');
    expect(unknown.status).toBe(404);
  });

  it('serves teams with inline members carrying full users and their team role', async () => {
    const { org } = sandbox.services.ilert;
    const response = await call(sandbox, '/teams?max-results=100');
    const teams = (await response.json()) as { name: string; visibility: string; members: { user: { email: string }; role: string }[] }[];
    expect(teams).toHaveLength(30);
    const big = org.teams[0]!;
    expect(big.members.length).toBeGreaterThan(100);
    expect(teams[0]!.members).toHaveLength(big.members.length);
    const owner = org.users[0]!;
    expect(teams[0]!.members[0]).toEqual({ user: expect.objectContaining({ email: owner.email, role: owner.role }), role: 'ADMIN' });

    const one = await call(sandbox, `/teams/${org.teams[5]!.id}`);
    const text = await one.text();
    expect(text).toContain(`{"id":${org.teams[5]!.id},"name":`);
    expect(rawIds(text)).toEqual([org.teams[5]!.id]);
    expect(rawMemberIds(text)).toEqual(org.teams[5]!.members.map((member) => member.userId));
  });

  it('filters teams by one member', async () => {
    const { org } = sandbox.services.ilert;
    const userId = org.users[2]!.id;
    const response = await call(sandbox, `/teams?members=${userId}&max-results=100`);
    const names = ((await response.json()) as { name: string }[]).map((team) => team.name);
    expect(names).toEqual(org.teams.filter((team) => team.members.some((member) => member.userId === userId)).map((team) => team.name));
  });

  it('adds, updates and removes a team member, with exact big ids in the request body', async () => {
    const { org } = sandbox.services.ilert;
    const team = org.teams.find((candidate) => candidate.visibility === 'PRIVATE' && candidate.members.length < 50)!;
    const user = org.users.find(
      (candidate) =>
        BigInt(candidate.id) > TWO_POW_53 &&
        candidate.role === 'RESPONDER' &&
        !team.members.some((member) => member.userId === candidate.id),
    )!;

    const added = await call(sandbox, `/teams/${team.id}/members`, { method: 'POST', body: `{"user":{"id":${user.id}},"role":"USER"}` });
    expect(added.status).toBe(200);
    expect(await added.text()).toMatch(new RegExp(`^\\{"user":\\{"id":${user.id},.*\\},"role":"USER"\\}$`));
    expect(team.members.find((member) => member.userId === user.id)?.role).toBe('USER');

    const updated = await call(sandbox, `/teams/${team.id}/members`, {
      method: 'POST',
      body: `{"user":{"id":"${user.id}"},"role":"ADMIN"}`,
    });
    expect(updated.status).toBe(200);
    expect(team.members.filter((member) => member.userId === user.id).map((member) => member.role)).toEqual(['ADMIN']);

    const removed = await call(sandbox, `/teams/${team.id}/members/${user.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe('');
    expect(team.members.some((member) => member.userId === user.id)).toBe(false);

    const again = await call(sandbox, `/teams/${team.id}/members/${user.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('enforces ilert team role rules and validates member bodies', async () => {
    const { org } = sandbox.services.ilert;
    const team = org.teams[0]!;
    const stakeholder = org.users.find((user) => user.role === 'STAKEHOLDER')!;
    const raised = await call(sandbox, `/teams/${team.id}/members`, {
      method: 'POST',
      body: `{"user":{"id":${stakeholder.id}},"role":"ADMIN"}`,
    });
    expect(raised.status).toBe(400);
    expect(await raised.json()).toMatchObject({ status: 400, code: 'BAD_REQUEST', message: expect.stringContaining('STAKEHOLDER') });

    for (const body of ['{"role":"USER"}', `{"user":{"id":${stakeholder.id}},"role":"OWNER"}`, 'not json']) {
      const response = await call(sandbox, `/teams/${team.id}/members`, { method: 'POST', body });
      expect(response.status, body).toBe(400);
    }
    const noTeam = await call(sandbox, '/teams/1/members', {
      method: 'POST',
      body: `{"user":{"id":${stakeholder.id}},"role":"STAKEHOLDER"}`,
    });
    expect(noTeam.status).toBe(404);
  });

  it('answers 401 with the error body for a missing, unprefixed or wrong token', async () => {
    const { token } = sandbox.services.ilert;
    const missing = await call(sandbox, '/users', { token: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ status: 401, message: expect.any(String), code: 'UNAUTHORIZED' });

    const unprefixed = await fetch(`${sandbox.services.ilert.baseUrl}/users`, { headers: { authorization: token } });
    expect(unprefixed.status).toBe(401);
    const wrong = await call(sandbox, '/teams', { token: `${token}x` });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain(token);
  });

  it('gives the read-restricted token users but 403 on teams and writes', async () => {
    const { restrictedToken, org } = sandbox.services.ilert;
    expect((await call(sandbox, '/users', { token: restrictedToken })).status).toBe(200);
    const current = await call(sandbox, '/users/current', { token: restrictedToken });
    expect(((await current.json()) as { role: string }).role).toMatch(/^(STAKEHOLDER|GUEST)$/);
    for (const [path, method] of [
      ['/teams', 'GET'],
      [`/teams/${org.teams[0]!.id}`, 'GET'],
      [`/teams/${org.teams[0]!.id}/members/${org.users[0]!.id}`, 'DELETE'],
    ] as const) {
      const response = await call(sandbox, path, { token: restrictedToken, method });
      expect(response.status, path).toBe(403);
      expect(await response.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
  });

  it('answers 404 and 405 in the error format for unknown paths and methods', async () => {
    const unknown = await call(sandbox, '/alerts');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const wrongMethod = await call(sandbox, '/teams', { method: 'PATCH' });
    expect(wrongMethod.status).toBe(405);
  });
});

describe('fake ilert API rate limit', () => {
  it('answers 429 without rate-limit headers after 120 requests in a minute per API key', async () => {
    let now = Date.UTC(2025, 0, 1, 12, 0, 5);
    const sandbox = await startSandbox({ seed: 3, ilert: { users: 10, teams: 2 }, clock: () => now });
    try {
      for (let index = 0; index < 120; index++) {
        expect((await call(sandbox, '/users/current')).status).toBe(200);
      }
      const limited = await call(sandbox, '/users/current');
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
      const headerNames = [...limited.headers.keys()];
      expect(headerNames.filter((name) => /rate|retry|reset/i.test(name))).toEqual([]);

      expect((await call(sandbox, '/users', { token: sandbox.services.ilert.restrictedToken })).status).toBe(200);

      now += 30_000;
      expect((await call(sandbox, '/users/current')).status).toBe(429);
      now += 25_000;
      expect((await call(sandbox, '/users/current')).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('takes a custom limit', async () => {
    const sandbox = await startSandbox({ ilert: { users: 3, teams: 1, rateLimitPerMinute: 2 }, clock: () => 0 });
    try {
      const statuses = [];
      for (let index = 0; index < 3; index++) statuses.push((await call(sandbox, '/users')).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await sandbox.close();
    }
  });
});
