import { JsonSyntaxError, parseJson, stringifyJson } from '../core/json.js';
import type { ParsedJson } from '../core/json.js';
import { FixedWindowRateLimiter } from '../core/rate-limiter.js';
import type { Clock } from '../core/rate-limiter.js';
import { Router } from '../core/router.js';
import type { RouteParams } from '../core/router.js';
import type { SandboxService, ServiceRequest, ServiceResponse } from '../core/service.js';
import { ILERT_TEAM_ROLES, isTeamRoleAllowed } from './model.js';
import type { IlertOrg, IlertTeam, IlertTeamRole, IlertUser } from './model.js';
import { teamJson, userJson } from './serialize.js';

/** ilert's documented limit for user-generated API keys. */
export const ILERT_REQUESTS_PER_MINUTE = 120;
/** Page size limit of ilert's `max-results` (OpenAPI `maximum: 100`). */
export const ILERT_MAX_RESULTS = 100;
/** Default `max-results` when the parameter is left out. */
export const ILERT_DEFAULT_MAX_RESULTS = 50;

/** How to build the fake ilert API. */
export interface IlertServiceOptions {
  /** The organisation to serve; mutated in place by member add/remove. */
  readonly org: IlertOrg;
  /** Full-access API key, owned by the org's first user (an ADMIN). */
  readonly token: string;
  /** Read-restricted API key: may read users, gets 403 on `/teams` and on every write. */
  readonly restrictedToken: string;
  /** Requests per minute per API key; `false` turns the limiter off. Default 120. */
  readonly rateLimitPerMinute?: number | false;
  /** Clock for the rate-limit windows and `updatedAt` stamps; default `Date.now`. */
  readonly clock?: Clock;
}

/** The fake ilert API: a {@link SandboxService} plus its org and API keys. */
export interface IlertService extends SandboxService {
  readonly org: IlertOrg;
  readonly token: string;
  readonly restrictedToken: string;
}

interface Caller {
  readonly user: IlertUser;
  readonly restricted: boolean;
}

type Handler = (request: ServiceRequest, params: RouteParams, caller: Caller) => ServiceResponse;

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const MAX_INT64 = 2n ** 63n - 1n;
const MAX_INT32 = 2 ** 31 - 1;
const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * ilert's error body `{status, message, code}`. The spec documents the three attributes but not
 * the code values; these upper-snake codes are the sandbox's own.
 */
export function ilertError(status: number, message: string): ServiceResponse {
  return { status, headers: JSON_HEADERS, body: stringifyJson({ status, message, code: ERROR_CODES[status] ?? 'ERROR' }) };
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Normalises a numeric int64 id (`"007"` -> `"7"`); undefined when it is not one. */
function normaliseId(value: ParsedJson | string | undefined): string | undefined {
  if (typeof value === 'bigint') return value >= 0n && value <= MAX_INT64 ? value.toString() : undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return undefined;
  const id = BigInt(value);
  return id <= MAX_INT64 ? id.toString() : undefined;
}

function pathId(params: RouteParams, name: string): string {
  const id = normaliseId(params[name]);
  if (id === undefined) throw new RequestError(400, `${name} must be a numeric id, got '${params[name] ?? ''}'`);
  return id;
}

/**
 * Reads a non-negative int32 query parameter. Values over `max` are rejected with 400 rather than
 * clamped: the spec declares `maximum: 100`, and a silent clamp would let a client that asks for
 * more mistake a full page for a short last page and stop early.
 */
function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^\d{1,10}$/.test(text) || Number(text) > MAX_INT32) {
    throw new RequestError(400, `${name} must be a non-negative integer, got '${text}'`);
  }
  const value = Number(text);
  if (value > max) throw new RequestError(400, `${name} must not be greater than ${max}, got ${value}`);
  return value;
}

function jsonBody(request: ServiceRequest): { [key: string]: ParsedJson } {
  let body: ParsedJson;
  try {
    body = parseJson(request.body);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new RequestError(400, `request body is not valid JSON: ${error.message}`);
    throw error;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RequestError(400, 'request body must be a JSON object');
  return body;
}

function bearerToken(request: ServiceRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function ok(body: string): ServiceResponse {
  return { status: 200, headers: JSON_HEADERS, body };
}

/** Creates the fake ilert API over an org, mounted at `/ilert/api`. */
export function createIlertService(options: IlertServiceOptions): IlertService {
  const { org, token, restrictedToken } = options;
  const clock = options.clock ?? Date.now;
  const owner = org.users[0];
  if (owner === undefined) throw new RangeError('the ilert org needs at least one user');
  const restrictedOwner = org.users.find((user) => user.role === 'STAKEHOLDER' || user.role === 'GUEST') ?? owner;
  const limit = options.rateLimitPerMinute ?? ILERT_REQUESTS_PER_MINUTE;
  const limiter = limit === false ? undefined : new FixedWindowRateLimiter(limit, 60_000, clock);
  const usersById = new Map(org.users.map((user) => [user.id, user]));
  const usersByEmail = new Map(org.users.map((user) => [user.email.toLowerCase(), user]));
  const teamsById = new Map(org.teams.map((team) => [team.id, team]));
  const userTextCache = new Map<string, string>();
  const userText = (userId: string): string => {
    let text = userTextCache.get(userId);
    if (text === undefined) {
      const user = usersById.get(userId);
      if (user === undefined) throw new Error(`team member ${userId} is not a user of the org`);
      text = userJson(user);
      userTextCache.set(userId, text);
    }
    return text;
  };
  const findUser = (id: string): IlertUser => {
    const user = usersById.get(id);
    if (user === undefined) throw new RequestError(404, `user ${id} not found`);
    return user;
  };
  const findTeam = (id: string): IlertTeam => {
    const team = teamsById.get(id);
    if (team === undefined) throw new RequestError(404, `team ${id} not found`);
    return team;
  };
  const requireFullAccess = (caller: Caller, what: string): void => {
    if (caller.restricted) throw new RequestError(403, `this API key may not ${what}`);
  };
  const page = <T>(items: readonly T[], query: URLSearchParams, write: (item: T) => string): ServiceResponse => {
    const start = intParam(query, 'start-index', 0, MAX_INT32);
    const max = intParam(query, 'max-results', ILERT_DEFAULT_MAX_RESULTS, ILERT_MAX_RESULTS);
    return ok(
      `[${items
        .slice(start, start + max)
        .map(write)
        .join(',')}]`,
    );
  };

  const router = new Router<Handler>()
    .on('GET', '/users', (request) => page(org.users, request.query, (user) => userText(user.id)))
    .on('GET', '/users/current', (_request, _params, caller) => ok(userText(caller.user.id)))
    .on('POST', '/users/search-email', (request) => {
      const { email } = jsonBody(request);
      if (typeof email !== 'string' || email === '') throw new RequestError(400, 'email is required');
      const user = usersByEmail.get(email.toLowerCase());
      if (user === undefined) throw new RequestError(404, 'no user found with the given email address');
      return ok(userText(user.id));
    })
    .on('GET', '/users/:user-id', (_request, params) => ok(userText(findUser(pathId(params, 'user-id')).id)))
    .on('GET', '/teams', (request, _params, caller) => {
      requireFullAccess(caller, 'read teams');
      const memberText = request.query.get('members');
      let teams = org.teams;
      if (memberText !== null) {
        const memberId = normaliseId(memberText);
        if (memberId === undefined) throw new RequestError(400, `members must be a numeric user id, got '${memberText}'`);
        teams = teams.filter((team) => team.members.some((member) => member.userId === memberId));
      }
      return page(teams, request.query, (team) => teamJson(team, userText));
    })
    .on('GET', '/teams/:id', (_request, params, caller) => {
      requireFullAccess(caller, 'read teams');
      return ok(teamJson(findTeam(pathId(params, 'id')), userText));
    })
    .on('POST', '/teams/:id/members', (request, params, caller) => {
      requireFullAccess(caller, 'change teams');
      const team = findTeam(pathId(params, 'id'));
      const body = jsonBody(request);
      const userField = body.user;
      const userId =
        typeof userField === 'object' && userField !== null && !Array.isArray(userField) ? normaliseId(userField.id) : undefined;
      if (userId === undefined) throw new RequestError(400, 'user.id must be a numeric user id');
      const role = body.role;
      if (typeof role !== 'string' || !(ILERT_TEAM_ROLES as readonly string[]).includes(role)) {
        throw new RequestError(400, `role must be one of ${ILERT_TEAM_ROLES.join(', ')}`);
      }
      const teamRole = role as IlertTeamRole;
      const user = findUser(userId);
      if (!isTeamRoleAllowed(user.role, teamRole, team.visibility)) {
        throw new RequestError(400, `a user with role ${user.role} cannot be ${teamRole} in a ${team.visibility} team`);
      }
      const existing = team.members.find((member) => member.userId === userId);
      if (existing === undefined) team.members.push({ userId, role: teamRole });
      else existing.role = teamRole;
      team.updatedAt = new Date(clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return ok(`{"user":${userText(userId)},"role":${JSON.stringify(teamRole)}}`);
    })
    .on('DELETE', '/teams/:id/members/:user-id', (_request, params, caller) => {
      requireFullAccess(caller, 'change teams');
      const team = findTeam(pathId(params, 'id'));
      const userId = pathId(params, 'user-id');
      const index = team.members.findIndex((member) => member.userId === userId);
      if (index < 0) throw new RequestError(404, `user ${userId} is not a member of team ${team.id}`);
      team.members.splice(index, 1);
      team.updatedAt = new Date(clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { status: 204 };
    });

  return {
    name: 'ilert',
    mountPath: '/ilert/api',
    org,
    token,
    restrictedToken,
    errorResponse: ilertError,
    handle(request) {
      const presented = bearerToken(request);
      if (presented === undefined) return ilertError(401, 'missing API key: send Authorization: Bearer <API key>');
      if (presented !== token && presented !== restrictedToken) return ilertError(401, 'invalid API key');
      if (limiter !== undefined && !limiter.tryTake(presented)) {
        return ilertError(429, 'Too many requests: API key limit reached, retry in the next minute');
      }
      const caller: Caller = presented === token ? { user: owner, restricted: false } : { user: restrictedOwner, restricted: true };
      const match = router.match(request.method, request.path);
      if (match.kind === 'not-found') return ilertError(404, `no resource at ${request.path}`);
      if (match.kind === 'method-not-allowed')
        return ilertError(405, `method ${request.method} not allowed; use ${match.allowed.join(', ')}`);
      try {
        return match.handler(request, match.params, caller);
      } catch (error) {
        if (error instanceof RequestError) return ilertError(error.status, error.message);
        throw error;
      }
    },
  };
}
