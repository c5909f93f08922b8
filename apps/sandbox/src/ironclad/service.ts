import { randomBytes } from 'node:crypto';
import { FixedWindowRateLimiter } from '../core/rate-limiter.js';
import type { Clock } from '../core/rate-limiter.js';
import { Router } from '../core/router.js';
import type { RouteParams } from '../core/router.js';
import type { SandboxService, ServiceRequest, ServiceResponse } from '../core/service.js';
import type { IroncladGroup, IroncladOrg, IroncladUser } from './model.js';
import { TokenEndpoint } from './oauth.js';
import type { IssuedToken } from './oauth.js';
import { groupObject, listResponse, SCIM, scimError, scimJson, userObject } from './scim-json.js';

/** `GET/PUT/POST scim/v2/users*` and `scim/v2/groups*`: requests per minute per company. */
export const IRONCLAD_READS_PER_MINUTE = 600;
/** `PATCH/DELETE scim/v2/users*`: requests per minute per company. */
export const IRONCLAD_USER_CHANGES_PER_MINUTE = 50;
/** Every other API (the token endpoint here). */
export const IRONCLAD_OTHER_PER_MINUTE = 800;
/** Largest SCIM `count`. */
export const IRONCLAD_MAX_COUNT = 1000;
/** SCIM `count` when the parameter is left out. */
export const IRONCLAD_DEFAULT_COUNT = 25;
/** `expires_in` of issued tokens by default (seconds). */
export const IRONCLAD_TOKEN_LIFETIME_SECONDS = 3600;

/** How to build the fake Ironclad API. */
export interface IroncladServiceOptions {
  /** The company to serve; mutated in place by user creation and group membership changes. */
  readonly org: IroncladOrg;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `expires_in` of issued tokens, in seconds (default 3600). */
  readonly tokenLifetimeSeconds?: number;
  /** Ironclad's per-company limits (600/min reads, 50/min user changes); `false` turns them off. */
  readonly rateLimits?: false;
  /** Clock for token expiry, rate-limit windows and timestamps (default `Date.now`). */
  readonly clock?: Clock;
}

/** The fake Ironclad API: a {@link SandboxService} plus its company and OAuth client. */
export interface IroncladService extends SandboxService {
  readonly org: IroncladOrg;
  readonly clientId: string;
  readonly clientSecret: string;
  /** An admin's email, the value for `x-as-user-email`. */
  readonly asUserEmail: string;
}

type Handler = (request: ServiceRequest, params: RouteParams) => ServiceResponse;

/** A refusal with a SCIM error body. */
class ScimRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: string,
  ) {
    super(message);
  }
}

type RouteClass = 'users' | 'user-changes' | 'groups' | 'other';

/** Ironclad's rate-limit bucket of a request. */
function routeClass(method: string, path: string): RouteClass {
  if (/^\/scim\/v2\/users(\/|$)/i.test(path)) return method === 'PATCH' || method === 'DELETE' ? 'user-changes' : 'users';
  if (/^\/scim\/v2\/groups(\/|$)/i.test(path)) return 'groups';
  return 'other';
}

const PASSWORD_RULES: readonly [RegExp, string][] = [
  [/[a-z]/, 'a lower-case letter'],
  [/[A-Z]/, 'an upper-case letter'],
  [/\d/, 'a digit'],
  [/[^A-Za-z0-9]/, 'a special character'],
];

/** Why a password breaks Ironclad's rule (16+ characters, lower, upper, digit, special), or undefined. */
export function passwordProblem(password: string): string | undefined {
  const missing = PASSWORD_RULES.filter(([pattern]) => !pattern.test(password)).map(([, what]) => what);
  if (password.length >= 16 && missing.length === 0) return undefined;
  return `password must have at least 16 characters, with a lower-case letter, an upper-case letter, a digit and a special character${
    missing.length > 0 ? ` (missing ${missing.join(', ')})` : ''
  }`;
}

function integerParam(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  if (!/^-?\d{1,9}$/.test(text)) throw new ScimRefusal(400, `${name} must be an integer, got '${text}'`, 'invalidValue');
  return Number(text);
}

/** Reads `attribute eq "value"`: the only filter form the fake API supports. */
function parseFilter(text: string, attributes: readonly string[]): { attribute: string; value: string } {
  const match = /^\s*([A-Za-z.]+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i.exec(text);
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

function jsonObject(request: ServiceRequest): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    throw new ScimRefusal(400, 'request body is not valid JSON', 'invalidSyntax');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ScimRefusal(400, 'request body must be a JSON object', 'invalidSyntax');
  return body as Record<string, unknown>;
}

function hasSchema(body: Record<string, unknown>, urn: string): boolean {
  return Array.isArray(body.schemas) && body.schemas.includes(urn);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ScimRefusal(400, `${name} must be a string`, 'invalidValue');
  return value;
}

function nowIso(clock: Clock): string {
  return new Date(clock()).toISOString();
}

/**
 * Creates the fake Ironclad API, mounted at `/ironclad`: `POST /oauth/token` and SCIM 2.0 at
 * `/scim/v2` (`Users`, `Groups`). SCIM calls need a bearer token from the token endpoint with the
 * operation's scope, and `x-as-user-email` (or `x-as-user-id`) naming a company admin.
 */
export function createIroncladService(options: IroncladServiceOptions): IroncladService {
  const { org, clientId, clientSecret } = options;
  const clock = options.clock ?? Date.now;
  const admin = org.users.find((user) => user.admin);
  if (admin === undefined) throw new RangeError('the Ironclad company needs an admin user');
  const tokens = new TokenEndpoint({
    clientId,
    clientSecret,
    lifetimeSeconds: options.tokenLifetimeSeconds ?? IRONCLAD_TOKEN_LIFETIME_SECONDS,
    clock,
  });
  const limiters = new Map<RouteClass, FixedWindowRateLimiter>(
    options.rateLimits === false
      ? []
      : [
          ['users', new FixedWindowRateLimiter(IRONCLAD_READS_PER_MINUTE, 60_000, clock)],
          ['groups', new FixedWindowRateLimiter(IRONCLAD_READS_PER_MINUTE, 60_000, clock)],
          ['user-changes', new FixedWindowRateLimiter(IRONCLAD_USER_CHANGES_PER_MINUTE, 60_000, clock)],
          ['other', new FixedWindowRateLimiter(IRONCLAD_OTHER_PER_MINUTE, 60_000, clock)],
        ],
  );
  const usersById = new Map(org.users.map((user) => [user.id, user]));
  const usersByName = new Map(org.users.map((user) => [user.userName.toLowerCase(), user]));
  const groupsById = new Map(org.groups.map((group) => [group.id, group]));
  const scimBase = '/scim/v2';

  const findUser = (id: string): IroncladUser => {
    const user = usersById.get(id);
    if (user === undefined) throw new ScimRefusal(404, `Resource ${id} not found`);
    return user;
  };
  const findGroup = (id: string): IroncladGroup => {
    const group = groupsById.get(id);
    if (group === undefined) throw new ScimRefusal(404, `Resource ${id} not found`);
    return group;
  };
  const page = <T>(items: readonly T[], query: URLSearchParams, write: (item: T) => unknown): ServiceResponse => {
    const startIndex = Math.max(1, integerParam(query, 'startIndex', 1));
    const count = integerParam(query, 'count', IRONCLAD_DEFAULT_COUNT);
    if (count < 0 || count > IRONCLAD_MAX_COUNT) {
      throw new ScimRefusal(400, `count must be between 0 and ${IRONCLAD_MAX_COUNT}, got ${count}`, 'invalidValue');
    }
    const slice = items.slice(startIndex - 1, startIndex - 1 + count);
    return scimJson(200, listResponse(slice.map(write), items.length, startIndex));
  };

  const createUser: Handler = (request) => {
    const body = jsonObject(request);
    if (!hasSchema(body, SCIM.user)) throw new ScimRefusal(400, `schemas must include ${SCIM.user}`, 'invalidValue');
    const userName = optionalString(body.userName, 'userName')?.trim();
    if (!userName || !/^[^\s@]+@[^\s@]+$/.test(userName)) throw new ScimRefusal(400, 'userName must be an email address', 'invalidValue');
    const name = body.name;
    if (typeof name !== 'object' || name === null || Array.isArray(name)) throw new ScimRefusal(400, 'name is required', 'invalidValue');
    const nameFields = name as Record<string, unknown>;
    const givenName = optionalString(nameFields.givenName, 'name.givenName') ?? '';
    const familyName = optionalString(nameFields.familyName, 'name.familyName') ?? '';
    const title = optionalString(body.title, 'title');
    const enterprise = body[SCIM.enterpriseUser];
    const department =
      typeof enterprise === 'object' && enterprise !== null
        ? optionalString((enterprise as Record<string, unknown>).department, 'department')
        : undefined;
    if (body.active === false) throw new ScimRefusal(400, 'Ironclad users cannot be created inactive', 'invalidValue');
    const password = optionalString(body.password, 'password');
    if (!org.saml) {
      if (password === undefined) throw new ScimRefusal(400, 'password is required: the company has no SAML configuration', 'invalidValue');
      const problem = passwordProblem(password);
      if (problem !== undefined) throw new ScimRefusal(400, problem, 'invalidValue');
    }
    if (usersByName.has(userName.toLowerCase())) throw new ScimRefusal(409, `User ${userName} already exists`, 'uniqueness');
    const created = nowIso(clock);
    const user: IroncladUser = {
      id: `67${org.users.length.toString(16).padStart(8, '0')}${randomBytes(7).toString('hex')}`,
      userName,
      givenName,
      familyName,
      ...(title === undefined ? {} : { title }),
      ...(department === undefined ? {} : { department }),
      provider: org.saml ? 'saml' : 'local',
      admin: false,
      created,
      lastModified: created,
    };
    org.users.push(user);
    usersById.set(user.id, user);
    usersByName.set(userName.toLowerCase(), user);
    const response = scimJson(201, userObject(user, scimBase));
    return { ...response, headers: { ...response.headers, location: `${scimBase}/Users/${user.id}` } };
  };

  const deleteUser: Handler = (_request, params) => {
    const user = findUser(params.id as string);
    org.users.splice(org.users.indexOf(user), 1);
    usersById.delete(user.id);
    usersByName.delete(user.userName.toLowerCase());
    for (const group of org.groups) {
      const index = group.memberIds.indexOf(user.id);
      if (index >= 0) group.memberIds.splice(index, 1);
    }
    return { status: 204 };
  };

  const patchGroup: Handler = (request, params) => {
    const group = findGroup(params.id as string);
    const body = jsonObject(request);
    if (!hasSchema(body, SCIM.patchOp)) throw new ScimRefusal(400, `schemas must include ${SCIM.patchOp}`, 'invalidValue');
    if (!Array.isArray(body.Operations) || body.Operations.length === 0)
      throw new ScimRefusal(400, 'Operations must be a non-empty array', 'invalidValue');
    const changes = body.Operations.map((operation: unknown) => {
      if (typeof operation !== 'object' || operation === null)
        throw new ScimRefusal(400, 'each operation must be an object', 'invalidValue');
      const { op, path, value } = operation as Record<string, unknown>;
      const kind = typeof op === 'string' ? op.toLowerCase() : '';
      if (kind !== 'add' && kind !== 'remove')
        throw new ScimRefusal(400, `op must be "add" or "remove", got ${JSON.stringify(op)}`, 'invalidValue');
      if (path !== undefined && path !== 'members') {
        throw new ScimRefusal(
          400,
          `path must be "members" with a value array of {"value": userId}, got ${JSON.stringify(path)}`,
          'invalidPath',
        );
      }
      if (!Array.isArray(value) || value.length === 0)
        throw new ScimRefusal(400, 'value must be a non-empty array of {"value": userId}', 'invalidValue');
      const userIds = value.map((member: unknown) => {
        const id = typeof member === 'object' && member !== null ? (member as Record<string, unknown>).value : undefined;
        if (typeof id !== 'string' || id === '') throw new ScimRefusal(400, 'each member must be {"value": userId}', 'invalidValue');
        if (kind === 'add' && !usersById.has(id)) throw new ScimRefusal(400, `User ${id} not found`, 'invalidValue');
        return id;
      });
      return { kind, userIds };
    });
    for (const change of changes) {
      for (const userId of change.userIds) {
        const index = group.memberIds.indexOf(userId);
        if (change.kind === 'add' && index < 0) group.memberIds.push(userId);
        if (change.kind === 'remove' && index >= 0) group.memberIds.splice(index, 1);
      }
    }
    group.lastModified = nowIso(clock);
    return { status: 204 };
  };

  type ScimRoute = { scope: string; handler: Handler };
  const router = new Router<ScimRoute>()
    .on('GET', `${scimBase}/Users`, {
      scope: 'scim.users.readUsers',
      handler: (request) => {
        const filter = request.query.get('filter');
        let users: readonly IroncladUser[] = org.users;
        if (filter !== null && filter !== '') {
          const { value } = parseFilter(filter, ['userName']);
          const user = usersByName.get(value.toLowerCase());
          users = user === undefined ? [] : [user];
        }
        return page(users, request.query, (user) => userObject(user, scimBase));
      },
    })
    .on('POST', `${scimBase}/Users`, { scope: 'scim.users.createUsers', handler: createUser })
    .on('GET', `${scimBase}/Users/:id`, {
      scope: 'scim.users.readUsers',
      handler: (_request, params) => scimJson(200, userObject(findUser(params.id as string), scimBase)),
    })
    .on('DELETE', `${scimBase}/Users/:id`, { scope: 'scim.users.deleteUsers', handler: deleteUser })
    .on('GET', `${scimBase}/Groups`, {
      scope: 'scim.groups.readGroups',
      handler: (request) => {
        const filter = request.query.get('filter');
        let groups: readonly IroncladGroup[] = org.groups;
        if (filter !== null && filter !== '') {
          const { attribute, value } = parseFilter(filter, ['displayName', 'externalId']);
          groups = groups.filter((group) => (attribute === 'displayName' ? group.displayName === value : group.externalId === value));
        }
        return page(groups, request.query, (group) => groupObject(group, scimBase));
      },
    })
    .on('GET', `${scimBase}/Groups/:id`, {
      scope: 'scim.groups.readGroups',
      handler: (_request, params) => scimJson(200, groupObject(findGroup(params.id as string), scimBase)),
    })
    .on('PATCH', `${scimBase}/Groups/:id`, { scope: 'scim.groups.updateGroups', handler: patchGroup });

  /** The admin the request acts as; throws when the header is missing (400) or names no admin (403). */
  const actingUser = (request: ServiceRequest): IroncladUser => {
    const email = request.headers['x-as-user-email'];
    const id = request.headers['x-as-user-id'];
    if (typeof email !== 'string' && typeof id !== 'string') {
      throw new ScimRefusal(400, 'x-as-user-email or x-as-user-id is required with a client credentials token', 'invalidValue');
    }
    const user = typeof email === 'string' ? usersByName.get(email.trim().toLowerCase()) : usersById.get(id as string);
    if (user === undefined)
      throw new ScimRefusal(
        403,
        `the user named by ${typeof email === 'string' ? 'x-as-user-email' : 'x-as-user-id'} is not in this company`,
      );
    if (!user.admin) throw new ScimRefusal(403, `${user.userName} is not an Ironclad admin and cannot manage users and groups`);
    return user;
  };

  const scim = (request: ServiceRequest, token: IssuedToken): ServiceResponse => {
    const match = router.match(request.method, request.path);
    if (match.kind === 'not-found') throw new ScimRefusal(404, `no resource at ${request.path}`);
    if (match.kind === 'method-not-allowed')
      throw new ScimRefusal(405, `method ${request.method} not allowed; use ${match.allowed.join(', ')}`);
    actingUser(request);
    if (!token.scopes.has(match.handler.scope)) throw new ScimRefusal(403, `the access token lacks the scope ${match.handler.scope}`);
    return match.handler.handler(request, match.params);
  };

  return {
    name: 'ironclad',
    mountPath: '/ironclad',
    org,
    clientId,
    clientSecret,
    asUserEmail: admin.userName,
    errorResponse: (status, message) => scimError(status, message),
    handle(request) {
      const bucket = limiters.get(routeClass(request.method, request.path));
      if (bucket !== undefined && !bucket.tryTake('company')) return scimError(429, 'Too Many Requests');
      if (request.path === '/oauth/token') {
        if (request.method !== 'POST') return scimError(405, 'use POST');
        return tokens.handle(request);
      }
      const token = tokens.authenticate(request);
      if (token === undefined) return scimError(401, 'missing, invalid or expired access token');
      try {
        return scim(request, token);
      } catch (error) {
        if (error instanceof ScimRefusal) return scimError(error.status, error.message, error.scimType);
        throw error;
      }
    },
  };
}
