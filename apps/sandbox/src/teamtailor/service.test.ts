import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox.js';
import type { Sandbox } from '../sandbox.js';
import { TEAMTAILOR_MAX_PAGE_SIZE } from './service.js';

interface Doc {
  data: { id: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: unknown }> }[];
  included?: { id: string; type: string; attributes: Record<string, unknown> }[];
  links: { next?: string; prev?: string; first: string; last: string };
  meta: { 'record-count': number; 'page-count': number };
  errors?: { status: string; detail: string }[];
}

function call(url: string, init: { key?: string | null; version?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/vnd.api+json' };
  if (init.key !== null && init.key !== undefined) headers.authorization = `Token token=${init.key}`;
  if (init.version !== null) headers['x-api-version'] = init.version ?? '20240904';
  return fetch(url, { headers });
}

describe('fake Teamtailor API', () => {
  let sandbox: Sandbox;
  let base: string;
  let key: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 5, teamtailor: { users: 95, rateLimit: false } });
    base = sandbox.services.teamtailor.baseUrl;
    key = sandbox.services.teamtailor.apiKey;
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('serves both regions under one mount, the company in eu', () => {
    const { regionUrls } = sandbox.services.teamtailor;
    expect(base).toBe(`${sandbox.url}/teamtailor/eu/v1`);
    expect(regionUrls).toEqual({ eu: base, na: `${sandbox.url}/teamtailor/na/v1` });
  });

  it('pages at most 30 users, following links.next to the end, and echoes the API version', async () => {
    const ids: string[] = [];
    let url: string | undefined = `${base}/users?page[size]=100`;
    const sizes: number[] = [];
    while (url !== undefined) {
      const response = await call(url, { key });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-api-version')).toBe('20240904');
      expect(response.headers.get('content-type')).toBe('application/vnd.api+json');
      const doc = (await response.json()) as Doc;
      sizes.push(doc.data.length);
      ids.push(...doc.data.map((user) => user.id));
      expect(doc.meta).toEqual({ 'record-count': 95, 'page-count': 4 });
      url = doc.links.next;
    }
    expect(sizes).toEqual([TEAMTAILOR_MAX_PAGE_SIZE, 30, 30, 5]);
    expect(ids).toEqual(sandbox.services.teamtailor.company.users.map((user) => user.id));
  });

  it('pages 10 by default and answers an empty page past the end', async () => {
    const first = (await (await call(`${base}/users`, { key })).json()) as Doc;
    expect(first.data).toHaveLength(10);
    expect(first.links.next).toContain('page%5Bnumber%5D=2');
    const beyond = (await (await call(`${base}/users?page[number]=99&page[size]=30`, { key })).json()) as Doc;
    expect(beyond.data).toEqual([]);
    expect(beyond.links.next).toBeUndefined();
  });

  it('includes departments and locations on the same request, with linkage', async () => {
    const doc = (await (await call(`${base}/users?page[size]=30&include=department,location`, { key })).json()) as Doc;
    const company = sandbox.services.teamtailor.company;
    const user = company.users.find((candidate) => candidate.departmentId !== null) ?? company.users[0]!;
    const served = doc.data.find((candidate) => candidate.id === user.id)!;
    expect(served.relationships.department?.data).toEqual({ type: 'departments', id: user.departmentId });
    const department = doc.included?.find((item) => item.type === 'departments' && item.id === user.departmentId);
    expect(department?.attributes.name).toBe(company.departments.find((candidate) => candidate.id === user.departmentId)?.name);
    expect(doc.links.next).toContain('include=department%2Clocation');
    const plain = (await (await call(`${base}/users?page[size]=30`, { key })).json()) as Doc;
    expect(plain.included).toBeUndefined();
    expect(plain.data[0]?.relationships.department).not.toHaveProperty('data');
    expect((await call(`${base}/users?include=jobs`, { key })).status).toBe(400);
  });

  it('sends login-email only to Admin keys and refuses users to Public keys', async () => {
    const admin = (await (await call(`${base}/users`, { key })).json()) as Doc;
    expect(admin.data.every((user) => 'login-email' in user.attributes)).toBe(true);
    const internal = (await (await call(`${base}/users`, { key: sandbox.services.teamtailor.internalKey })).json()) as Doc;
    expect(internal.data.some((user) => 'login-email' in user.attributes)).toBe(false);
    const refused = await call(`${base}/users`, { key: sandbox.services.teamtailor.publicKey });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Doc).errors?.[0]?.status).toBe('403');
  });

  it('answers 401 to a bad key and to a good key in the other region', async () => {
    for (const url of [`${base}/users`, `${sandbox.services.teamtailor.regionUrls.na}/users`]) {
      const response = await call(url, { key: url.includes('/na/') ? key : 'nope' });
      expect(response.status, url).toBe(401);
      expect(((await response.json()) as Doc).errors?.[0]?.detail).toBe('Invalid API key');
    }
    expect((await call(`${base}/users`, { key: null })).status).toBe(401);
  });

  it('answers 406 without X-Api-Version or with an unknown one', async () => {
    const missing = await call(`${base}/users`, { key, version: null });
    expect(missing.status).toBe(406);
    expect(((await missing.json()) as Doc).errors?.[0]?.detail).toMatch(/X-Api-Version header is required/);
    const unknown = await call(`${base}/users`, { key, version: '19990101' });
    expect(unknown.status).toBe(406);
    expect(((await unknown.json()) as Doc).errors?.[0]?.detail).toMatch(/19990101 is not supported/);
  });

  it('serves one user and a JSON:API 404', async () => {
    const user = sandbox.services.teamtailor.company.users[3]!;
    const doc = (await (await call(`${base}/users/${user.id}`, { key })).json()) as { data: Doc['data'][number] };
    expect(doc.data.attributes).toMatchObject({ name: user.name, role: user.role, title: user.title });
    expect((await call(`${base}/users/1`, { key })).status).toBe(404);
  });

  it('injects faults in its own error format', async () => {
    sandbox.setFaults({ serverErrors: 1, serverErrorStatus: 503 }, 'teamtailor');
    const response = await call(`${base}/users`, { key });
    expect(response.status).toBe(503);
    expect(((await response.json()) as Doc).errors?.[0]?.status).toBe('503');
    expect(sandbox.requestCount('teamtailor', 'GET /eu/v1/users')).toBeGreaterThan(0);
  });
});

describe('fake Teamtailor rate limit', () => {
  it('reports X-Rate-Limit-* with the reset in seconds and answers 429 over the limit', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 3);
    const sandbox = await startSandbox({ clock: () => now, teamtailor: { users: 5, rateLimit: { requests: 2, windowSeconds: 10 } } });
    try {
      const { baseUrl, apiKey } = sandbox.services.teamtailor;
      const first = await call(`${baseUrl}/users`, { key: apiKey });
      expect([
        first.headers.get('x-rate-limit-limit'),
        first.headers.get('x-rate-limit-remaining'),
        first.headers.get('x-rate-limit-reset'),
      ]).toEqual(['2', '1', '7']);
      await call(`${baseUrl}/users`, { key: apiKey });
      const over = await call(`${baseUrl}/users`, { key: apiKey });
      expect(over.status).toBe(429);
      expect(over.headers.get('x-rate-limit-remaining')).toBe('0');
      expect(over.headers.get('x-rate-limit-reset')).toBe('7');
      now += 7_000;
      expect((await call(`${baseUrl}/users`, { key: apiKey })).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
