import { timingSafeEqual } from 'node:crypto';
import { Router } from '../core/router.js';
import type { RouteParams } from '../core/router.js';
import type { SandboxService, ServiceRequest, ServiceResponse } from '../core/service.js';
import type { RudderstackGroup, RudderstackOrg, RudderstackUser } from './model.js';
import { groupResource, SCIM_URNS, scimError, scimOk, userResource } from './scim-json.js';

/** Largest page the fake serves: a larger `count` is capped to it, as RFC 7644 §3.4.2.4 allows. */
export const RUDDERSTACK_MAX_PAGE_SIZE = 100;
/** Detail of the 403 for a workspace-level token. */
export const RUDDERSTACK_WORKSPACE_TOKEN_DETAIL = 'Workspace-level tokens cannot access the SCIM API';
/** Detail of the 403 when the organization's plan has no SCIM. */
export const RUDDERSTACK_SCIM_DISABLED_DETAIL = 'SCIM is not enabled for this organization. Please contact RudderStack support';

/** How to build the fake RudderStack SCIM API. */
export interface RudderstackServiceOptions {
  /** The organization to serve. */
  readonly org: RudderstackOrg;
  /** The organization-level Service Access Token. */
  readonly token: string;
  /** A workspace-level token: known to RudderStack, refused by SCIM with 403. */
  readonly workspaceToken: string;
  /** False answers every authenticated request with the "SCIM not enabled" 403 (default true). */
  readonly scimEnabled?: boolean;
  /** The server's page cap (default {@link RUDDERSTACK_MAX_PAGE_SIZE}), also the default `count`. */
  readonly maxPageSize?: number;
  /** Leaves `totalResults` out of every `ListResponse` (default false). */
  readonly omitTotalResults?: boolean;
}

/** The fake RudderStack SCIM API: a {@link SandboxService} plus its organization and tokens. */
export interface RudderstackService extends SandboxService {
  readonly org: RudderstackOrg;
  readonly token: string;
  readonly workspaceToken: string;
}

/** A refusal answered with a SCIM error body. */
class ScimRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: string,
  ) {
    super(message);
  }
}

const SCIM_BASE = '/scim/v2';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function integerParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  if (!/^-?\d{1,9}$/.test(text)) throw new ScimRefusal(400, `${name} must be an integer, got '${text}'`, 'invalidValue');
  return Number(text);
}

/** Reads `attribute eq "value"` for one of `attributes` (case-insensitive names); nothing else is supported. */
function parseFilter(text: string, attributes: readonly string[]): { attribute: string; value: string } {
  const match = /^\s*([A-Za-z]+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i.exec(text);
  const attribute = match ? attributes.find((name) => name.toLowerCase() === (match[1] as string).toLowerCase()) : undefined;
  if (!match || attribute === undefined) {
    throw new ScimRefusal(
      400,
      `Unsupported filter: ${text}; use ${attributes.map((name) => `${name} eq "..."`).join(' or ')}`,
      'invalidFilter',
    );
  }
  return { attribute, value: JSON.parse(match[2] as string) as string };
}

function filtered<T>(items: readonly T[], query: URLSearchParams, attributes: readonly (keyof T & string)[]): readonly T[] {
  const filter = query.get('filter');
  if (filter === null || filter === '') return items;
  const { attribute, value } = parseFilter(filter, attributes);
  return items.filter((item) => item[attribute as keyof T] === value);
}

/**
 * Creates the fake RudderStack SCIM 2.0 API, mounted at `/rudderstack` with SCIM at
 * `/scim/v2` (the read side: `GET /Users`, `/Users/{id}`, `/Groups`, `/Groups/{id}`). Bearer
 * auth: an unknown token gets 401, the workspace token 403; pages are capped at
 * `maxPageSize`; `/Groups` listings leave `members` out for the groups so flagged.
 */
export function createRudderstackService(options: RudderstackServiceOptions): RudderstackService {
  const { org, token, workspaceToken } = options;
  const maxPageSize = options.maxPageSize ?? RUDDERSTACK_MAX_PAGE_SIZE;
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1) throw new RangeError(`maxPageSize must be a positive integer, got ${maxPageSize}`);
  const usersById = new Map(org.users.map((user) => [user.id, user]));
  const groupsById = new Map(org.groups.map((group) => [group.id, group]));

  const page = <T>(items: readonly T[], query: URLSearchParams, write: (item: T) => unknown): ServiceResponse => {
    const startIndex = Math.max(1, integerParam(query, 'startIndex') ?? 1);
    const count = Math.min(maxPageSize, Math.max(0, integerParam(query, 'count') ?? maxPageSize));
    const resources = items.slice(startIndex - 1, startIndex - 1 + count).map(write);
    return scimOk({
      schemas: [SCIM_URNS.listResponse],
      ...(options.omitTotalResults === true ? {} : { totalResults: items.length }),
      startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    });
  };
  const find = <T>(map: ReadonlyMap<string, T>, id: string): T => {
    const found = map.get(id);
    if (found === undefined) throw new ScimRefusal(404, `Resource ${id} not found`);
    return found;
  };

  type Handler = (request: ServiceRequest, params: RouteParams) => ServiceResponse;
  const router = new Router<Handler>()
    .on('GET', `${SCIM_BASE}/Users`, (request) =>
      page(filtered<RudderstackUser>(org.users, request.query, ['id', 'userName']), request.query, (user) => userResource(user, SCIM_BASE)),
    )
    .on('GET', `${SCIM_BASE}/Users/:id`, (_request, params) => scimOk(userResource(find(usersById, params.id as string), SCIM_BASE)))
    .on('GET', `${SCIM_BASE}/Groups`, (request) =>
      page(filtered<RudderstackGroup>(org.groups, request.query, ['id', 'displayName']), request.query, (group) =>
        groupResource(group, SCIM_BASE, !group.membersOmittedFromList),
      ),
    )
    .on('GET', `${SCIM_BASE}/Groups/:id`, (_request, params) =>
      scimOk(groupResource(find(groupsById, params.id as string), SCIM_BASE, true)),
    );

  /** 401 without a known bearer token, 403 for the workspace token or when SCIM is off. */
  const authorize = (request: ServiceRequest): void => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (presented !== undefined && sameText(presented, workspaceToken)) throw new ScimRefusal(403, RUDDERSTACK_WORKSPACE_TOKEN_DETAIL);
    if (presented === undefined || !sameText(presented, token)) throw new ScimRefusal(401, 'Unauthorized: missing or invalid access token');
    if (options.scimEnabled === false) throw new ScimRefusal(403, RUDDERSTACK_SCIM_DISABLED_DETAIL);
  };

  const answer = (request: ServiceRequest): ServiceResponse => {
    const match = router.match(request.method, request.path);
    if (match.kind === 'not-found') throw new ScimRefusal(404, `No resource at ${request.path}`);
    authorize(request);
    if (match.kind === 'method-not-allowed')
      throw new ScimRefusal(405, `Method ${request.method} not allowed; use ${match.allowed.join(', ')}`);
    return match.handler(request, match.params);
  };

  return {
    name: 'rudderstack',
    mountPath: '/rudderstack',
    org,
    token,
    workspaceToken,
    errorResponse: (status, message) => scimError(status, message),
    handle(request) {
      try {
        return answer(request);
      } catch (error) {
        if (error instanceof ScimRefusal) return scimError(error.status, error.message, error.scimType);
        throw error;
      }
    },
  };
}
