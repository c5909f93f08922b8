import { Router } from '../core/router.js';
import type { SandboxService, ServiceRequest, ServiceResponse } from '../core/service.js';
import { accountJson, accountUserJson, listDocument, scalrError, serviceAccountJson, singleDocument, userJson } from './jsonapi.js';
import type { Pagination } from './jsonapi.js';
import type { ScalrAccount, ScalrOrg } from './model.js';

/** The largest `page[size]`; larger values are capped to it (and `meta.pagination` says so). */
export const SCALR_MAX_PAGE_SIZE = 100;
/** `page[size]` when the parameter is left out. */
export const SCALR_DEFAULT_PAGE_SIZE = 20;
/** Where the API lives below an account origin. */
export const SCALR_API_PATH = '/api/iacp/v3';

/** How to build the fake Scalr API. */
export interface ScalrServiceOptions {
  readonly org: ScalrOrg;
  /** Token of the main account's owner: reads everything in both accounts. */
  readonly token: string;
  /** A valid token without IAM read permission: sees its account, gets 404 on every user listing. */
  readonly restrictedToken: string;
}

/** The fake Scalr API: a {@link SandboxService} plus its org and tokens. */
export interface ScalrService extends SandboxService {
  readonly org: ScalrOrg;
  readonly token: string;
  readonly restrictedToken: string;
}

interface Caller {
  readonly restricted: boolean;
}

type Handler = (query: URLSearchParams, caller: Caller, id: string | undefined) => ServiceResponse;

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

const NOT_PERMITTED = 'The resource does not exist or the token has no permission to read it.';

function positiveInt(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new RequestError(400, `${name} must be a positive integer, got '${text}'`, name);
  return Number(text);
}

/** One page of `items` by `page[number]` (1-based) and `page[size]` (capped), with Scalr's pagination meta. */
function paginate<T>(items: readonly T[], query: URLSearchParams): { page: readonly T[]; pagination: Pagination } {
  const number = positiveInt(query, 'page[number]', 1);
  const size = Math.min(positiveInt(query, 'page[size]', SCALR_DEFAULT_PAGE_SIZE), SCALR_MAX_PAGE_SIZE);
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  const pagination: Pagination = {
    'current-page': number,
    'page-size': size,
    'prev-page': number > 1 ? number - 1 : null,
    'next-page': number < totalPages ? number + 1 : null,
    'total-pages': totalPages,
    'total-count': items.length,
  };
  return { page: items.slice((number - 1) * size, number * size), pagination };
}

/** The requested `include` paths; a path the endpoint does not offer is a 400, as JSON:API asks. */
function includes(query: URLSearchParams, allowed: readonly string[]): ReadonlySet<string> {
  const text = query.get('include');
  if (text === null || text === '') return new Set();
  const paths = text.split(',').map((path) => path.trim());
  const unknown = paths.find((path) => !allowed.includes(path));
  if (unknown !== undefined)
    throw new RequestError(400, `Invalid include parameter '${unknown}'; allowed: ${allowed.join(', ')}`, 'include');
  return new Set(paths);
}

function bearerToken(request: ServiceRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * Splits a request path into the account subdomain and the API path. The account comes from the
 * first path segment (`/acme/api/iacp/v3/users`, what a base-URL override points at) or, for
 * `/api/iacp/v3/...`, from the first label of the Host header (`acme.scalr.io`).
 */
function locate(request: ServiceRequest): { account: string; apiPath: string } | undefined {
  const [, first = '', ...rest] = request.path.split('/');
  const fromHost = first === 'api';
  const account = fromHost ? ((request.headers.host ?? '').split('.')[0] ?? '') : first;
  const path = fromHost ? request.path : `/${rest.join('/')}`;
  if (account === '' || (path !== SCALR_API_PATH && !path.startsWith(`${SCALR_API_PATH}/`))) return undefined;
  return { account, apiPath: path.slice(SCALR_API_PATH.length) || '/' };
}

/** Creates the fake Scalr API over an org, mounted at `/scalr`; account `acme` lives at `/scalr/acme`. */
/** The served installation with cached JSON of each resource and the look-ups the routes share. */
interface Directory {
  readonly main: ScalrAccount;
  readonly org: ScalrOrg;
  /** A resource's JSON, serialised once. */
  text(id: string, write: () => string): string;
  /** Serialises the included resources of a page, each once, in the order first referenced. */
  included(refs: readonly (readonly [string, string])[]): string[];
  visibleAccounts(caller: Caller): readonly ScalrAccount[];
  /** `filter[account]`, which must name an account of the installation (else 404). */
  accountFilter(query: URLSearchParams): string | undefined;
}

function createDirectory(org: ScalrOrg): Directory {
  const main = org.accounts[0] as ScalrAccount;
  const accountsById = new Map(org.accounts.map((account) => [account.id, account]));
  const usersById = new Map(org.users.map((user) => [user.id, user]));
  const cache = new Map<string, string>();
  const text = (id: string, write: () => string): string => {
    let value = cache.get(id);
    if (value === undefined) {
      value = write();
      cache.set(id, value);
    }
    return value;
  };
  const resourceText = (type: string, id: string): string => {
    if (type === 'accounts') return text(id, () => accountJson(accountsById.get(id) as ScalrAccount));
    const user = usersById.get(id);
    if (user === undefined) throw new Error(`user ${id} is not in the org`);
    return text(id, () => userJson(user));
  };
  return {
    main,
    org,
    text,
    included(refs) {
      const seen = new Set<string>();
      return refs.flatMap(([type, id]) => {
        if (seen.has(`${type}:${id}`)) return [];
        seen.add(`${type}:${id}`);
        return [resourceText(type, id)];
      });
    },
    visibleAccounts: (caller) => (caller.restricted ? [main] : org.accounts),
    accountFilter(query) {
      const id = query.get('filter[account]') ?? undefined;
      if (id !== undefined && !accountsById.has(id))
        throw new RequestError(404, `Account '${id}' not found, or the token has no permission to read it.`);
      return id;
    },
  };
}

function requireIamRead(caller: Caller): void {
  if (caller.restricted) throw new RequestError(404, NOT_PERMITTED);
}

/** The routes below `/api/iacp/v3`. */
function scalrRouter(dir: Directory): Router<Handler> {
  const { org } = dir;
  const accountText = (account: ScalrAccount) => dir.text(account.id, () => accountJson(account));
  return new Router<Handler>()
    .on('GET', '/accounts', (query, caller) => {
      const name = query.get('filter[name]');
      const { page, pagination } = paginate(
        dir.visibleAccounts(caller).filter((account) => name === null || account.name === name),
        query,
      );
      return listDocument(page.map(accountText), undefined, pagination);
    })
    .on('GET', '/accounts/:id', (_query, caller, id) => {
      const account = dir.visibleAccounts(caller).find((candidate) => candidate.id === id);
      if (account === undefined) throw new RequestError(404, NOT_PERMITTED);
      return singleDocument(accountText(account));
    })
    .on('GET', '/users', (query, caller) => {
      requireIamRead(caller);
      const email = query.get('filter[email]');
      const { page, pagination } = paginate(
        org.users.filter((user) => email === null || user.email === email),
        query,
      );
      return listDocument(
        page.map((user) => dir.text(user.id, () => userJson(user))),
        undefined,
        pagination,
      );
    })
    .on('GET', '/account-users', (query, caller) => {
      const wanted = includes(query, ['user', 'account', 'teams']);
      const userId = query.get('filter[user]');
      if (query.get('filter[account]') === null && userId === null) {
        throw new RequestError(400, 'One of filter[account] or filter[user] is required.', 'filter');
      }
      const accountId = dir.accountFilter(query);
      requireIamRead(caller);
      const links = org.accountUsers.filter(
        (link) => (accountId === undefined || link.accountId === accountId) && (userId === null || link.userId === userId),
      );
      const { page, pagination } = paginate(links, query);
      const refs = page.flatMap((link) => [
        ...(wanted.has('user') ? [['users', link.userId] as const] : []),
        ...(wanted.has('account') ? [['accounts', link.accountId] as const] : []),
      ]);
      return listDocument(
        page.map((link) => dir.text(link.id, () => accountUserJson(link))),
        wanted.size > 0 ? dir.included(refs) : undefined,
        pagination,
      );
    })
    .on('GET', '/service-accounts', (query, caller) => {
      const wanted = includes(query, ['account', 'created-by', 'owners']);
      const accountId = dir.accountFilter(query);
      requireIamRead(caller);
      const { page, pagination } = paginate(
        org.serviceAccounts.filter((account) => accountId === undefined || account.accountId === accountId),
        query,
      );
      const refs = page.flatMap((account) => [
        ...(wanted.has('account') ? [['accounts', account.accountId] as const] : []),
        ...(wanted.has('created-by') ? [['users', account.createdBy] as const] : []),
      ]);
      return listDocument(
        page.map((account) => dir.text(account.id, () => serviceAccountJson(account))),
        wanted.size > 0 ? dir.included(refs) : undefined,
        pagination,
      );
    });
}

/** Creates the fake Scalr API over an org, mounted at `/scalr`; account `acme` lives at `/scalr/acme`. */
export function createScalrService(options: ScalrServiceOptions): ScalrService {
  const { org, token, restrictedToken } = options;
  const dir = createDirectory(org);
  const router = scalrRouter(dir);
  return {
    name: 'scalr',
    mountPath: '/scalr',
    org,
    token,
    restrictedToken,
    errorResponse: (status, message) => scalrError(status, message),
    handle(request) {
      const located = locate(request);
      if (located === undefined) return scalrError(404, `no Scalr API at ${request.path}; use /<account>${SCALR_API_PATH}/...`);
      const presented = bearerToken(request);
      if (presented === undefined) return scalrError(401, 'Authentication credentials were not provided.');
      if (presented !== token && presented !== restrictedToken) return scalrError(401, 'Invalid or expired access token.');
      const caller: Caller = { restricted: presented === restrictedToken };
      if (!dir.visibleAccounts(caller).some((account) => account.name === located.account)) {
        return scalrError(404, `Account '${located.account}' not found.`);
      }
      const match = router.match(request.method, located.apiPath);
      if (match.kind === 'not-found') return scalrError(404, `No resource at ${located.apiPath}.`);
      if (match.kind === 'method-not-allowed')
        return scalrError(405, `Method ${request.method} is not allowed; use ${match.allowed.join(', ')}.`);
      try {
        return match.handler(request.query, caller, match.params.id);
      } catch (error) {
        if (error instanceof RequestError)
          return scalrError(error.status, error.message, error.parameter === undefined ? undefined : { parameter: error.parameter });
        throw error;
      }
    },
  };
}
