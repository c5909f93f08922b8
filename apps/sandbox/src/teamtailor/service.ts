import type { Clock } from '../core/rate-limiter.js';
import { Router } from '../core/router.js';
import type { RouteParams } from '../core/router.js';
import type { SandboxService, ServiceRequest, ServiceResponse } from '../core/service.js';
import type { TeamtailorCompany, TeamtailorRegion } from './model.js';
import { RateWindow } from './rate-window.js';
import type { RateWindowState } from './rate-window.js';
import { includedResources, userResource } from './serialize.js';
import type { Includes } from './serialize.js';

/** Versions the fake accepts in `X-Api-Version` (the documented 2016 one and later ones in use). */
export const TEAMTAILOR_API_VERSIONS: readonly string[] = ['20161108', '20210218', '20240404', '20240904'];
/** Teamtailor's largest `page[size]`; larger values are served as 30. */
export const TEAMTAILOR_MAX_PAGE_SIZE = 30;
/** `page[size]` when the parameter is left out. */
export const TEAMTAILOR_DEFAULT_PAGE_SIZE = 10;
/** The fake's default limit per API key: 50 requests per 10-second window (Teamtailor publishes no figure). */
export const TEAMTAILOR_DEFAULT_RATE_LIMIT = { requests: 50, windowSeconds: 10 } as const;

/** Scope of an API key: only Admin keys see every user with their login email. */
export type TeamtailorKeyScope = 'admin' | 'internal' | 'public';

/** How to build the fake Teamtailor API. */
export interface TeamtailorServiceOptions {
  readonly company: TeamtailorCompany;
  /** The region the company lives in; its keys answer 401 in the other one. */
  readonly region: TeamtailorRegion;
  /** API keys by scope. */
  readonly keys: Readonly<Record<TeamtailorKeyScope, string>>;
  /** Requests per window per key; `false` turns the limiter off. */
  readonly rateLimit?: { readonly requests: number; readonly windowSeconds: number } | false;
  readonly clock?: Clock;
}

/** The fake Teamtailor API, both regions under one mount: `/teamtailor/eu/v1` and `/teamtailor/na/v1`. */
export interface TeamtailorService extends SandboxService {
  readonly company: TeamtailorCompany;
  readonly region: TeamtailorRegion;
  readonly keys: Readonly<Record<TeamtailorKeyScope, string>>;
}

interface Call {
  readonly request: ServiceRequest;
  readonly params: RouteParams;
  readonly scope: TeamtailorKeyScope;
  /** `http://host/teamtailor/<region>/v1`, the base of every link. */
  readonly base: string;
}

type Handler = (call: Call) => { [key: string]: unknown };

const MOUNT = '/teamtailor';
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Teamtailor's error document: a JSON:API `errors` array with status, title and detail. */
export function teamtailorError(status: number, detail: string, headers: Readonly<Record<string, string>> = {}): ServiceResponse {
  const error = { status: String(status), title: TITLES[status] ?? 'Error', detail };
  return { status, headers: { 'content-type': 'application/vnd.api+json', ...headers }, body: JSON.stringify({ errors: [error] }) };
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function positiveParam(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new RequestError(400, `${name} must be a positive integer, got '${text}'`);
  return Number(text);
}

function parseIncludes(query: URLSearchParams): Includes {
  const names = (query.get('include') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (name !== 'department' && name !== 'location')
      throw new RequestError(400, `users cannot include '${name}'; use department, location`);
  }
  return { department: names.includes('department'), location: names.includes('location') };
}

function rateHeaders(state: RateWindowState | undefined): Record<string, string> {
  if (state === undefined) return {};
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(state.remaining),
    'x-rate-limit-reset': String(state.resetSeconds),
  };
}

/** A link to page `number` of the listing, keeping the request's other parameters. */
function pageLink(call: Call, number: number, size: number): string {
  const query = new URLSearchParams(call.request.query);
  query.set('page[number]', String(number));
  query.set('page[size]', String(size));
  return `${call.base}${call.request.path.replace(/^\/[a-z]+\/v1/, '')}?${query.toString()}`;
}

function requireUsersScope(call: Call): void {
  if (call.scope === 'public') throw new RequestError(403, 'this API key has Public scope; users need an Admin or Internal scope key');
}

/** Creates the fake Teamtailor API, mounted at `/teamtailor` with a `/<region>/v1` prefix per region. */
export function createTeamtailorService(options: TeamtailorServiceOptions): TeamtailorService {
  const { company, region, keys } = options;
  const rate = options.rateLimit ?? TEAMTAILOR_DEFAULT_RATE_LIMIT;
  const window = rate === false ? undefined : new RateWindow(rate.requests, rate.windowSeconds * 1000, options.clock ?? Date.now);
  const scopes = new Map<string, TeamtailorKeyScope>(Object.entries(keys).map(([scope, key]) => [key, scope as TeamtailorKeyScope]));
  const usersById = new Map(company.users.map((user) => [user.id, user]));

  const router = new Router<Handler>()
    .on('GET', '/users', (call) => {
      requireUsersScope(call);
      const size = Math.min(positiveParam(call.request.query, 'page[size]', TEAMTAILOR_DEFAULT_PAGE_SIZE), TEAMTAILOR_MAX_PAGE_SIZE);
      const number = positiveParam(call.request.query, 'page[number]', 1);
      const includes = parseIncludes(call.request.query);
      const users = company.users.slice((number - 1) * size, number * size);
      const pageCount = Math.max(1, Math.ceil(company.users.length / size));
      const links: Record<string, string> = { first: pageLink(call, 1, size), last: pageLink(call, pageCount, size) };
      if (number > 1) links.prev = pageLink(call, Math.min(number - 1, pageCount), size);
      if (number < pageCount) links.next = pageLink(call, number + 1, size);
      const included = includes.department || includes.location ? { included: includedResources(users, company, call.base, includes) } : {};
      return {
        data: users.map((user) => userResource(user, call.base, call.scope === 'admin', includes)),
        ...included,
        links,
        meta: { 'record-count': company.users.length, 'page-count': pageCount },
      };
    })
    .on('GET', '/users/:id', (call) => {
      requireUsersScope(call);
      const user = usersById.get(call.params.id ?? '');
      if (user === undefined) throw new RequestError(404, `user ${call.params.id ?? ''} not found`);
      const includes = parseIncludes(call.request.query);
      const included =
        includes.department || includes.location ? { included: includedResources([user], company, call.base, includes) } : {};
      return { data: userResource(user, call.base, call.scope === 'admin', includes), ...included };
    });

  const answer = (request: ServiceRequest): ServiceResponse => {
    const prefix = /^\/(eu|na)\/v1(?=\/|$)/.exec(request.path);
    if (prefix === null) return teamtailorError(404, `no resource at ${request.path}; the API lives at /eu/v1 and /na/v1`);
    const version = request.headers['x-api-version'];
    if (typeof version !== 'string' || version === '') return teamtailorError(406, 'The X-Api-Version header is required');
    if (!TEAMTAILOR_API_VERSIONS.includes(version)) return teamtailorError(406, `API version ${version} is not supported`);
    const presented = /^Token token="?([^"\s]+)"?\s*$/.exec(request.headers.authorization ?? '')?.[1];
    const scope = presented === undefined ? undefined : scopes.get(presented);
    if (presented === undefined || scope === undefined || prefix[1] !== region) return teamtailorError(401, 'Invalid API key');
    const state = window?.take(presented);
    const headers = rateHeaders(state);
    if (state !== undefined && !state.allowed) return teamtailorError(429, 'Rate limit exceeded', headers);
    const match = router.match(request.method, request.path.slice(prefix[0].length) || '/');
    if (match.kind === 'not-found') return teamtailorError(404, `no resource at ${request.path}`, headers);
    if (match.kind === 'method-not-allowed') return teamtailorError(405, `use ${match.allowed.join(', ')}`, headers);
    const base = `http://${request.headers.host ?? '127.0.0.1'}${MOUNT}${prefix[0]}`;
    try {
      const document = match.handler({ request, params: match.params, scope, base });
      return {
        status: 200,
        headers: { 'content-type': 'application/vnd.api+json', 'x-api-version': version, ...headers },
        body: JSON.stringify(document),
      };
    } catch (error) {
      if (error instanceof RequestError) return teamtailorError(error.status, error.message, headers);
      throw error;
    }
  };

  return {
    name: 'teamtailor',
    mountPath: MOUNT,
    company,
    region,
    keys,
    errorResponse: (status, message) => teamtailorError(status, message),
    handle: answer,
  };
}
