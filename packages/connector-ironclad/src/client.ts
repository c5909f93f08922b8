import {
  createHttpClient,
  createScimClient,
  isConnectorError,
  oauth2ClientCredentials,
  SCIM_SCHEMAS,
  scimErrorMessage,
  scimGroupSchema,
  scimUserSchema,
  type ClientRateLimit,
  type HttpClient,
  type Logger,
  type Page,
  type RetryOptions,
  type ScimRoute,
  type Timing,
} from '@c1/connector-sdk';
import * as v from 'valibot';

/** Ironclad's largest SCIM page (`count`). */
export const IRONCLAD_MAX_PAGE_SIZE = 1000;

/** The scopes a read-only sync needs. */
export const IRONCLAD_READ_SCOPES = ['scim.users.readUsers', 'scim.groups.readGroups'] as const;

/** The scopes `--provisioning` adds: group membership changes and account creation. */
export const IRONCLAD_PROVISIONING_SCOPES = ['scim.groups.updateGroups', 'scim.users.createUsers', 'scim.users.deleteUsers'] as const;

/** The scopes requested for a mode. */
export function ironcladScopes(provisioning: boolean): string[] {
  return provisioning ? [...IRONCLAD_READ_SCOPES, ...IRONCLAD_PROVISIONING_SCOPES] : [...IRONCLAD_READ_SCOPES];
}

/**
 * Client-side limits, a little below Ironclad's per-company limits so the API never has to
 * answer 429: 600/min for `GET/PUT/POST scim/v2/users*` and for all of `scim/v2/groups*` (each
 * its own bucket), 50/min for `PATCH/DELETE scim/v2/users*`.
 */
export const IRONCLAD_RATE_LIMITS = {
  reads: { requests: 570, intervalMs: 60_000 },
  userChanges: { requests: 45, intervalMs: 60_000 },
} as const satisfies Record<string, ClientRateLimit>;

/** The Ironclad user extension. */
export const IRONCLAD_USER_EXTENSION = 'urn:ietf:params:scim:schemas:extension:ironclad:2.0:User';

const optionalText = v.nullish(v.string());

/** An Ironclad user as the SCIM API returns it: the core User plus the enterprise and Ironclad extensions. */
export const ironcladUserSchema = v.object({
  ...scimUserSchema.entries,
  [SCIM_SCHEMAS.enterpriseUser]: v.nullish(v.object({ department: optionalText })),
  [IRONCLAD_USER_EXTENSION]: v.nullish(v.object({ provider: optionalText, departmentHead: optionalText })),
});

/** An Ironclad user. */
export type IroncladUser = v.InferOutput<typeof ironcladUserSchema>;

/** An Ironclad group, members inline. */
export const ironcladGroupSchema = scimGroupSchema;

/** An Ironclad group. */
export type IroncladGroup = v.InferOutput<typeof ironcladGroupSchema>;

/** What `POST /Users` takes (password only when the company signs in with passwords). */
export interface IroncladNewUser {
  userName: string;
  givenName: string;
  familyName: string;
  title?: string;
  department?: string;
  password?: string;
}

/** What {@link createIroncladClient} takes. */
export interface IroncladClientOptions {
  /** Origin (and path prefix) of the Ironclad environment, e.g. `https://na1.ironcladapp.com`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The admin every SCIM request acts as (`x-as-user-email`). */
  asUserEmail: string;
  /** Requests the provisioning scopes too. */
  provisioning: boolean;
  userAgent: string;
  timeoutMs?: number;
  logger?: Logger;
  /** Defaults to {@link IRONCLAD_RATE_LIMITS}. */
  rateLimits?: { reads: ClientRateLimit; userChanges: ClientRateLimit };
  retry?: RetryOptions;
  timing?: Timing;
}

/** The Ironclad calls the connector makes. */
export interface IroncladClient {
  /** One page of users, 1000 per request. */
  listUsers(pageToken: string, signal?: AbortSignal): Promise<Page<IroncladUser>>;
  /** One page of groups with their members, 1000 per request. */
  listGroups(pageToken: string, signal?: AbortSignal): Promise<Page<IroncladGroup>>;
  /**
   * Total users and groups (`count=1` probes), proving the credentials and scopes; undefined
   * when Ironclad leaves `totalResults` out.
   */
  countUsers(signal?: AbortSignal): Promise<number | undefined>;
  countGroups(signal?: AbortSignal): Promise<number | undefined>;
  /** One group with its members. */
  getGroup(id: string, signal?: AbortSignal): Promise<IroncladGroup>;
  /** `PATCH /Groups/{id}` adding a member. */
  addGroupMember(groupId: string, userId: string, signal?: AbortSignal): Promise<void>;
  /** `PATCH /Groups/{id}` removing a member, with the value array Ironclad documents. */
  removeGroupMember(groupId: string, userId: string, signal?: AbortSignal): Promise<void>;
  /** `POST /Users`; a taken userName is a ConnectorError `already-exists`. */
  createUser(user: IroncladNewUser, signal?: AbortSignal): Promise<IroncladUser>;
  /** The user with this userName (`filter=userName eq "..."`), or undefined. */
  findUserByUserName(userName: string, signal?: AbortSignal): Promise<IroncladUser | undefined>;
}

const TOKEN_PATH = '/oauth/token';
const CLIENT_ID_HINT = '--ic-client-id / BATON_IC_CLIENT_ID';
const AS_USER_HINT = '--ic-as-user-email / BATON_IC_AS_USER_EMAIL';

/**
 * Creates the Ironclad client: OAuth client credentials (token cached and renewed, once more on
 * a 401), `x-as-user-email` on every SCIM call, and one HTTP client per Ironclad rate-limit
 * bucket (users, groups, user changes) sharing one token.
 */
export function createIroncladClient(options: IroncladClientOptions): IroncladClient {
  const scopes = ironcladScopes(options.provisioning);
  const auth = oauth2ClientCredentials({
    tokenUrl: `${options.baseUrl}${TOKEN_PATH}`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes,
    bodyFormat: 'form',
  });
  const limits = options.rateLimits ?? IRONCLAD_RATE_LIMITS;
  const httpFor = (rateLimit: ClientRateLimit): HttpClient =>
    createHttpClient({
      service: 'Ironclad',
      baseUrl: `${options.baseUrl}/scim/v2`,
      auth,
      credential: { name: 'client credentials', flag: 'ic-client-secret' },
      userAgent: options.userAgent,
      headers: { 'x-as-user-email': options.asUserEmail.trim() },
      rateLimit,
      errorMessage: scimErrorMessage,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.logger && { logger: options.logger }),
      ...(options.retry && { retry: options.retry }),
      ...(options.timing && { timing: options.timing }),
    });
  const users = httpFor(limits.reads);
  const groups = httpFor(limits.reads);
  const userChanges = httpFor(limits.userChanges);
  const route = ({ method, endpoint }: ScimRoute): HttpClient => {
    if (endpoint === 'Groups') return groups;
    return method === 'PATCH' || method === 'DELETE' ? userChanges : users;
  };
  const scim = createScimClient({ http: route });
  const explained = <T>(scope: string, request: () => Promise<T>): Promise<T> =>
    request().catch((error: unknown) => {
      throw explain(error, scope, scopes);
    });
  const membership = (op: 'add' | 'remove', groupId: string, userId: string, signal?: AbortSignal) =>
    explained('scim.groups.updateGroups', async () => {
      await scim.patch('Groups', groupId, [{ op, path: 'members', value: [{ value: userId }] }], signal ? { signal } : {});
    });

  return {
    listUsers: (pageToken, signal) =>
      explained('scim.users.readUsers', () =>
        scim.listPage('Users', pageToken, { schema: ironcladUserSchema, count: IRONCLAD_MAX_PAGE_SIZE, ...(signal && { signal }) }),
      ),
    listGroups: (pageToken, signal) =>
      explained('scim.groups.readGroups', () =>
        scim.listPage('Groups', pageToken, { schema: ironcladGroupSchema, count: IRONCLAD_MAX_PAGE_SIZE, ...(signal && { signal }) }),
      ),
    countUsers: (signal) =>
      explained('scim.users.readUsers', async () =>
        (await scim.list('Users', { schema: ironcladUserSchema, startIndex: 1, count: 1, ...(signal && { signal }) })).totalResults,
      ),
    countGroups: (signal) =>
      explained('scim.groups.readGroups', async () =>
        (await scim.list('Groups', { schema: ironcladGroupSchema, startIndex: 1, count: 1, ...(signal && { signal }) })).totalResults,
      ),
    getGroup: (id, signal) => explained('scim.groups.readGroups', () => scim.get('Groups', id, { schema: ironcladGroupSchema, ...(signal && { signal }) })),
    addGroupMember: (groupId, userId, signal) => membership('add', groupId, userId, signal),
    removeGroupMember: (groupId, userId, signal) => membership('remove', groupId, userId, signal),
    createUser: (user, signal) =>
      explained('scim.users.createUsers', () =>
        scim.create('Users', newUserBody(user), { schema: ironcladUserSchema, ...(signal && { signal }) }),
      ),
    findUserByUserName: (userName, signal) =>
      explained('scim.users.readUsers', () => scim.findBy('Users', 'userName', userName, { schema: ironcladUserSchema, ...(signal && { signal }) })),
  };
}

/** The `POST /Users` body Ironclad documents. */
function newUserBody(user: IroncladNewUser): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.user, ...(user.department ? [SCIM_SCHEMAS.enterpriseUser] : [])],
    userName: user.userName,
    name: { givenName: user.givenName, familyName: user.familyName },
    ...(user.title && { title: user.title }),
    ...(user.password !== undefined && { password: user.password }),
    active: true,
    ...(user.department && { [SCIM_SCHEMAS.enterpriseUser]: { department: user.department } }),
  };
}

/**
 * Adds what an operator should check to refusals: an unknown client id (token 401), a scope the
 * OAuth app does not allow (token 400 `invalid_scope`), or a SCIM 403 (the acting user is not
 * an admin, or the token lacks the operation's scope).
 */
function explain(error: unknown, scope: string, requested: readonly string[]): unknown {
  if (!isConnectorError(error)) return error;
  const tokenCall = error.endpoint === `POST ${TOKEN_PATH}` || error.endpoint?.endsWith(TOKEN_PATH) === true;
  let hint: string | undefined;
  if (tokenCall && error.status === 401) hint = `check ${CLIENT_ID_HINT} too`;
  else if (tokenCall && error.apiMessage?.includes('invalid_scope')) {
    hint = `the Ironclad OAuth app must allow the scopes ${requested.join(' ')}`;
  } else if (!tokenCall && error.code === 'permission-denied') {
    hint = `the user in ${AS_USER_HINT} must be an Ironclad admin, and the OAuth app must allow ${scope}${
      requested.includes(scope) ? '' : ' (requested only with --provisioning)'
    }`;
  }
  if (hint === undefined) return error;
  return error.withMessage(`${error.message}; ${hint}`);
}
