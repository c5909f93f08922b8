import { bearerAuth, parseJsonWithExactIds, type ClientRateLimit, type ConnectorRuntime } from '@c1/connector-sdk';
import * as v from 'valibot';
import type { IlertConfigKey } from './config.js';

/** ilert's largest page (`max-results`). */
export const ILERT_MAX_PAGE_SIZE = 100;

/**
 * ilert allows 120 requests a minute per API key and sends no rate-limit headers, so the
 * client keeps below that on its own; a 429 is still retried with backoff by the SDK.
 */
export const ILERT_DEFAULT_RATE_LIMIT: ClientRateLimit = { requests: 100, intervalMs: 60_000 };

/** A 64-bit ilert id, kept as its exact decimal string. */
const idSchema = v.pipe(v.string('expected an integer id'), v.regex(/^-?\d+$/, 'expected an integer id'));

const dateSchema = v.pipe(
  v.string(),
  v.check((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO-8601 date'),
);

const optionalText = v.nullish(v.string());

/**
 * An ilert user, as `GET /users` returns it. The role is free text: ilert adds roles over time.
 * The id is required although ilert's spec leaves it optional: a user without one cannot be a
 * resource, and leaving it out would make the sync report the user as gone.
 */
export const ilertUserSchema = v.object({
  id: idSchema,
  firstName: optionalText,
  lastName: optionalText,
  email: optionalText,
  role: optionalText,
  position: optionalText,
  department: optionalText,
  timezone: optionalText,
  language: optionalText,
  region: optionalText,
  createdAt: v.nullish(dateSchema),
});

/** An ilert user. */
export type IlertUser = v.InferOutput<typeof ilertUserSchema>;

/**
 * One member of a team: only the user id is relied on, the role is free text. ilert's spec makes
 * `user`, its `id` and `role` optional; members without a user id or a known role get no grant.
 */
export const ilertTeamMemberSchema = v.object({ user: v.nullish(v.object({ id: v.nullish(idSchema) })), role: optionalText });

/** A team member. */
export type IlertTeamMember = v.InferOutput<typeof ilertTeamMemberSchema>;

/**
 * An ilert team, as `GET /teams` returns it, members inline. The id is required for the same
 * reason as a user's.
 */
export const ilertTeamSchema = v.object({
  id: idSchema,
  name: optionalText,
  visibility: optionalText,
  members: v.nullish(v.array(ilertTeamMemberSchema)),
  createdAt: v.nullish(dateSchema),
});

/** An ilert team. */
export type IlertTeam = v.InferOutput<typeof ilertTeamSchema>;

const usersPageSchema = v.array(ilertUserSchema);
const teamsPageSchema = v.array(ilertTeamSchema);

/** The ilert API calls the connector makes. */
export interface IlertClient {
  /** One page of users (`GET /users`). */
  listUsers(startIndex: number, maxResults: number): Promise<IlertUser[]>;
  /** One page of teams with their members (`GET /teams`). */
  listTeams(startIndex: number, maxResults: number): Promise<IlertTeam[]>;
  /** One team with its members (`GET /teams/{id}`). */
  getTeam(id: string): Promise<IlertTeam>;
}

/**
 * Creates the ilert API client: bearer auth, exact 64-bit ids, rate limit below ilert's. A 403
 * is explained: an ilert API key sees only what its user may see, so syncing everyone needs a
 * key created by an admin (ideally an organization-wide one).
 */
export function createIlertClient(runtime: ConnectorRuntime<IlertConfigKey>, apiToken: string, baseUrl: string): IlertClient {
  const http = runtime.httpClient({
    service: 'ilert',
    baseUrl,
    auth: bearerAuth(apiToken),
    credential: { name: 'API token', key: 'ilert-api-token' },
    headers: { accept: 'application/json' },
    rateLimit: ILERT_DEFAULT_RATE_LIMIT,
    parseJson: parseJsonWithExactIds,
    hints: [
      {
        status: 403,
        mode: 'replace',
        message: (f) =>
          `the key lacks permission; set ${f.setting('ilert-api-token')} to a key created by an ilert admin (an organization-wide key is recommended)`,
      },
    ],
  });
  const page = (startIndex: number, maxResults: number) => ({ 'start-index': startIndex, 'max-results': maxResults });
  return {
    listUsers: async (startIndex, maxResults) =>
      (await http.get('users', { schema: usersPageSchema, searchParams: page(startIndex, maxResults) })).data,
    listTeams: async (startIndex, maxResults) =>
      (await http.get('teams', { schema: teamsPageSchema, searchParams: page(startIndex, maxResults) })).data,
    getTeam: async (id) => (await http.get(`teams/${encodeURIComponent(id)}`, { schema: ilertTeamSchema })).data,
  };
}
