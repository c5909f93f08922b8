import {
  oauth2ClientCredentials,
  type ClientRateLimit,
  type ConnectorHint,
  type ConnectorRuntime,
  type HttpClient,
} from '@c1/connector-sdk';
import {
  createScimClient,
  SCIM_SCHEMAS,
  scimErrorMessage,
  scimGroupSchema,
  scimUserSchema,
  type ScimClient,
  type ScimRoute,
} from '@c1/connector-sdk/scim';
import * as v from 'valibot';
import type { IroncladConfigKey } from './config.js';

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

/** What {@link createIroncladClient} takes besides the runtime. */
export interface IroncladClientOptions {
  /** Origin (and path prefix) of the Ironclad environment, e.g. `https://na1.ironcladapp.com`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The admin every SCIM request acts as (`x-as-user-email`). */
  asUserEmail: string;
}

/** The Ironclad calls the connector makes; `scim` serves the SDK's SCIM syncers and provisioner. */
export interface IroncladClient {
  scim: ScimClient;
  /** Total users and groups (`count=1` probes); undefined when Ironclad leaves `totalResults` out. */
  countUsers(): Promise<number | undefined>;
  countGroups(): Promise<number | undefined>;
  /** One group with its members. */
  getGroup(id: string): Promise<IroncladGroup>;
  /** `POST /Users`; a taken userName is a ConnectorError `already-exists`. */
  createUser(user: IroncladNewUser): Promise<IroncladUser>;
  /** The user with this userName (`filter=userName eq "..."`), or undefined. */
  findUserByUserName(userName: string): Promise<IroncladUser | undefined>;
}

/** The OAuth scope a SCIM request needs. */
function scopeOf(method: string, path: string): string {
  if (path.startsWith('/Groups')) return method === 'GET' ? 'scim.groups.readGroups' : 'scim.groups.updateGroups';
  if (method === 'POST') return 'scim.users.createUsers';
  return method === 'DELETE' ? 'scim.users.deleteUsers' : 'scim.users.readUsers';
}

/**
 * What an operator should check: an unknown client id (token 401), a scope the OAuth app does
 * not allow (token `invalid_scope`), or a SCIM 403 (the acting user is not an admin, or the
 * token lacks the operation's scope).
 */
function ironcladHints(requested: readonly string[]): ConnectorHint<IroncladConfigKey>[] {
  return [
    { status: 401, on: 'token', message: (f) => `check ${f.setting('ic-client-id')} too` },
    { on: 'token', apiMessage: 'invalid_scope', message: `the Ironclad OAuth app must allow the scopes ${requested.join(' ')}` },
    {
      status: 403,
      on: 'api',
      message: (f) => {
        const scope = scopeOf(f.method, f.path);
        const note = requested.includes(scope) ? '' : ' (requested only with --provisioning)';
        return `the user in ${f.setting('ic-as-user-email')} must be an Ironclad admin, and the OAuth app must allow ${scope}${note}`;
      },
    },
  ];
}

/**
 * Creates the Ironclad client: OAuth client credentials (token cached and renewed, once more on
 * a 401), `x-as-user-email` on every SCIM call, and one HTTP client per Ironclad rate-limit
 * bucket (users, groups, user changes) sharing one token.
 */
export function createIroncladClient(runtime: ConnectorRuntime<IroncladConfigKey>, options: IroncladClientOptions): IroncladClient {
  const scopes = ironcladScopes(runtime.provisioning);
  const { clientId, clientSecret } = options;
  const auth = oauth2ClientCredentials({ tokenUrl: `${options.baseUrl}/oauth/token`, clientId, clientSecret, scopes, bodyFormat: 'form' });
  const httpFor = (rateLimit: ClientRateLimit): HttpClient =>
    runtime.httpClient({
      service: 'Ironclad',
      baseUrl: `${options.baseUrl}/scim/v2`,
      auth,
      credential: { name: 'client credentials', key: 'ic-client-secret' },
      headers: { 'x-as-user-email': options.asUserEmail.trim() },
      rateLimit,
      errorMessage: scimErrorMessage,
      hints: ironcladHints(scopes),
    });
  const [users, groups, userChanges] = [
    httpFor(IRONCLAD_RATE_LIMITS.reads),
    httpFor(IRONCLAD_RATE_LIMITS.reads),
    httpFor(IRONCLAD_RATE_LIMITS.userChanges),
  ];
  const route = ({ method, endpoint }: ScimRoute): HttpClient => {
    if (endpoint === 'Groups') return groups;
    return method === 'PATCH' || method === 'DELETE' ? userChanges : users;
  };
  const scim = createScimClient({ http: route });
  const count = async (endpoint: 'Users' | 'Groups', schema: v.GenericSchema) =>
    (await scim.list(endpoint, { schema, startIndex: 1, count: 1 })).totalResults;
  return {
    scim,
    countUsers: () => count('Users', ironcladUserSchema),
    countGroups: () => count('Groups', ironcladGroupSchema),
    getGroup: (id) => scim.get('Groups', id, { schema: ironcladGroupSchema }),
    createUser: (user) => scim.create('Users', newUserBody(user), { schema: ironcladUserSchema }),
    findUserByUserName: (userName) => scim.findBy('Users', 'userName', userName, { schema: ironcladUserSchema }),
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
