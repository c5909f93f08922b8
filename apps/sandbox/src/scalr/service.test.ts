import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceResponse } from '../core/service.js';
import { startSandbox } from '../sandbox.js';
import type { Sandbox } from '../sandbox.js';
import { generateScalrOrg } from './generate.js';
import { SCALR_MAX_PAGE_SIZE, createScalrService } from './service.js';
import type { ScalrService } from './service.js';

interface Doc {
  data: { id: string; type: string; attributes: Record<string, unknown>; relationships: Record<string, { data: unknown }> }[];
  included?: { id: string; type: string }[];
  meta: { pagination: Record<string, number | null> };
  errors?: { status: string; title: string; detail: string; source?: { parameter?: string } }[];
}

const TOKEN = 'scalr-token';
const NO_IAM = 'scalr-no-iam';

function service(users = 250, serviceAccounts = 30): ScalrService {
  return createScalrService({ org: generateScalrOrg({ seed: 2, users, serviceAccounts }), token: TOKEN, restrictedToken: NO_IAM });
}

function call(
  target: ScalrService,
  url: string,
  options: { token?: string | null; headers?: IncomingHttpHeaders; method?: string } = {},
): ServiceResponse {
  const parsed = new URL(url, 'http://sandbox');
  const presented = options.token === undefined ? TOKEN : options.token;
  const headers: IncomingHttpHeaders = { ...options.headers, ...(presented === null ? {} : { authorization: `Bearer ${presented}` }) };
  return target.handle({
    method: options.method ?? 'GET',
    path: parsed.pathname,
    query: parsed.searchParams,
    headers,
    body: '',
  }) as ServiceResponse;
}

function doc(response: ServiceResponse): Doc {
  return JSON.parse(response.body ?? '') as Doc;
}

describe('fake Scalr API', () => {
  const target = service();
  const [main, other] = target.org.accounts;
  const api = '/acme/api/iacp/v3';

  it('finds the account by its subdomain name, on a path prefix or from the Host header', () => {
    const byPath = doc(call(target, `${api}/accounts?filter[name]=acme`));
    expect(byPath.data.map((account) => [account.type, account.id, account.attributes.name])).toEqual([['accounts', main?.id, 'acme']]);
    const byHost = call(target, '/api/iacp/v3/accounts?filter[name]=acme', { headers: { host: 'acme.scalr.io' } });
    expect(byHost.headers?.['content-type']).toBe('application/vnd.api+json');
    expect(doc(byHost).data).toHaveLength(1);
    expect(call(target, '/nosuch/api/iacp/v3/accounts').status).toBe(404);
  });

  it('scopes account-users to the account, includes each user once, and pages with meta.pagination', () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    for (let number = 1; ; number++) {
      const page = doc(call(target, `${api}/account-users?filter[account]=${main?.id}&include=user&page[size]=100&page[number]=${number}`));
      sizes.push(page.data.length);
      expect(page.included?.map((user) => user.id)).toEqual(page.data.map((link) => (link.relationships.user?.data as { id: string }).id));
      seen.push(...(page.included ?? []).map((user) => user.id));
      expect(page.meta.pagination).toMatchObject({ 'current-page': number, 'page-size': 100, 'total-pages': 3, 'total-count': 250 });
      if (page.meta.pagination['next-page'] === null) break;
      expect(page.meta.pagination['next-page']).toBe(number + 1);
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(seen).toEqual(target.org.users.slice(0, 250).map((user) => user.id));
    const statuses = new Set(
      doc(call(target, `${api}/account-users?filter[account]=${main?.id}&page[size]=100`)).data.map((link) => link.attributes.status),
    );
    expect([...statuses].sort()).toEqual(['Active', 'Inactive', 'Pending']);
  });

  it('leaves included out unless asked, and rejects an include path it does not offer', () => {
    expect(doc(call(target, `${api}/account-users?filter[account]=${main?.id}`)).included).toBeUndefined();
    const bad = call(target, `${api}/account-users?filter[account]=${main?.id}&include=secrets`);
    expect([bad.status, doc(bad).errors?.[0]?.source]).toEqual([400, { parameter: 'include' }]);
  });

  it('lists users of every account on /users, which is why clients scope to the account', () => {
    expect(doc(call(target, `${api}/users?page[size]=1`)).meta.pagination['total-count']).toBe(255);
    expect(doc(call(target, `${api}/account-users?filter[account]=${other?.id}`)).meta.pagination['total-count']).toBe(6);
  });

  it('caps page[size] at 100 and says so in meta, defaults to 20, and rejects non-positive values', () => {
    const capped = doc(call(target, `${api}/account-users?filter[account]=${main?.id}&page[size]=500`));
    expect([capped.data.length, capped.meta.pagination['page-size'], capped.meta.pagination['next-page']]).toEqual([
      SCALR_MAX_PAGE_SIZE,
      100,
      2,
    ]);
    expect(doc(call(target, `${api}/account-users?filter[account]=${main?.id}`)).data).toHaveLength(20);
    const zero = call(target, `${api}/account-users?filter[account]=${main?.id}&page[size]=0`);
    expect([zero.status, doc(zero).errors?.[0]?.source?.parameter]).toEqual([400, 'page[size]']);
    const beyond = doc(call(target, `${api}/account-users?filter[account]=${main?.id}&page[number]=9&page[size]=100`));
    expect([beyond.data.length, beyond.meta.pagination['next-page'], beyond.meta.pagination['prev-page']]).toEqual([0, null, 8]);
  });

  it("lists the account's service accounts with includes", () => {
    const page = doc(call(target, `${api}/service-accounts?filter[account]=${main?.id}&include=account&page[size]=100`));
    expect(page.data).toHaveLength(30);
    expect(page.data[0]?.id).toMatch(/^sa-/);
    expect(page.data.slice(0, 2).map((account) => account.attributes.status)).toEqual(['Active', 'Inactive']);
    expect(page.included?.map((account) => account.id)).toEqual([main?.id]);
  });

  it('answers 401 with a JSON:API error for a missing or wrong token', () => {
    for (const token of [null, 'wrong']) {
      const response = call(target, `${api}/accounts`, { token });
      expect(response.status).toBe(401);
      expect(doc(response).errors?.[0]).toMatchObject({ status: '401', title: 'Unauthorized', detail: expect.any(String) });
    }
  });

  it('answers 404, not 403, to a token without permission, and to an unknown account id', () => {
    expect(doc(call(target, `${api}/accounts?filter[name]=acme`, { token: NO_IAM })).data).toHaveLength(1);
    const denied = call(target, `${api}/account-users?filter[account]=${main?.id}`, { token: NO_IAM });
    expect([denied.status, doc(denied).errors?.[0]?.status]).toEqual([404, '404']);
    expect(call(target, `${api}/service-accounts?filter[account]=${main?.id}`, { token: NO_IAM }).status).toBe(404);
    expect(call(target, `/${other?.name}/api/iacp/v3/accounts`, { token: NO_IAM }).status).toBe(404);
    expect(call(target, `${api}/account-users?filter[account]=acc-nosuchaccount00`).status).toBe(404);
    expect(call(target, `${api}/account-users`).status).toBe(400);
  });
});

describe('fake Scalr API in the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 4, scalr: { users: 30, serviceAccounts: 3 } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('serves acme below its base URL, counts requests and injects faults as JSON:API errors', async () => {
    const { baseUrl, account, token } = sandbox.services.scalr;
    expect([baseUrl, account]).toEqual([`${sandbox.url}/scalr/acme`, 'acme']);
    const get = () =>
      fetch(`${baseUrl}/api/iacp/v3/accounts?filter[name]=acme`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json' },
      });
    expect((await get()).status).toBe(200);
    sandbox.setFaults({ serverErrors: 1, serverErrorStatus: 503 }, 'scalr');
    const failed = await get();
    expect([failed.status, ((await failed.json()) as Doc).errors?.[0]?.status]).toEqual([503, '503']);
    expect(sandbox.requestCount('scalr', 'GET /acme/api/iacp/v3/accounts')).toBe(2);
  });
});
