import {
  bearerAuth,
  createHttpClient,
  flagHint,
  isConnectorError,
  type ClientRateLimit,
  type HttpClient,
  type Logger,
  type RetryOptions,
  type Timing,
} from '@c1/connector-sdk';
import * as v from 'valibot';
import { parseJsonWithExactIds } from './exact-ids.js';

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
export const ilertTeamMemberSchema = v.object({
  user: v.nullish(v.object({ id: v.nullish(idSchema) })),
  role: optionalText,
});

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

/** What {@link createIlertClient} takes. */
export interface IlertClientOptions {
  apiToken: string;
  baseUrl: string;
  userAgent: string;
  timeoutMs?: number;
  logger?: Logger;
  /** Defaults to {@link ILERT_DEFAULT_RATE_LIMIT}. */
  rateLimit?: ClientRateLimit;
  retry?: RetryOptions;
  timing?: Timing;
}

/** The ilert API calls the connector makes. */
export interface IlertClient {
  /** One page of users (`GET /users`). */
  listUsers(startIndex: number, maxResults: number, signal?: AbortSignal): Promise<IlertUser[]>;
  /** One page of teams with their members (`GET /teams`). */
  listTeams(startIndex: number, maxResults: number, signal?: AbortSignal): Promise<IlertTeam[]>;
  /** One team with its members (`GET /teams/{id}`). */
  getTeam(id: string, signal?: AbortSignal): Promise<IlertTeam>;
}

/** Creates the ilert API client: bearer auth, exact 64-bit ids, rate limit below ilert's. */
export function createIlertClient(options: IlertClientOptions): IlertClient {
  const http: HttpClient = createHttpClient({
    service: 'ilert',
    baseUrl: options.baseUrl,
    auth: bearerAuth(options.apiToken),
    credential: { name: 'API token', flag: 'ilert-api-token' },
    userAgent: options.userAgent,
    headers: { accept: 'application/json' },
    rateLimit: options.rateLimit ?? ILERT_DEFAULT_RATE_LIMIT,
    parseJson: parseJsonWithExactIds,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.logger && { logger: options.logger }),
    ...(options.retry && { retry: options.retry }),
    ...(options.timing && { timing: options.timing }),
  });
  const page = (startIndex: number, maxResults: number) => ({ 'start-index': startIndex, 'max-results': maxResults });
  return {
    listUsers: (startIndex, maxResults, signal) =>
      explainForbidden(http.get('users', { schema: usersPageSchema, searchParams: page(startIndex, maxResults), signal })),
    listTeams: (startIndex, maxResults, signal) =>
      explainForbidden(http.get('teams', { schema: teamsPageSchema, searchParams: page(startIndex, maxResults), signal })),
    getTeam: (id, signal) => explainForbidden(http.get(`teams/${encodeURIComponent(id)}`, { schema: ilertTeamSchema, signal })),
  };
}

/**
 * Returns the response data. A 403 is explained: an ilert API key sees only what its user may
 * see, so syncing everyone needs a key created by an admin (ideally an organization-wide one).
 */
async function explainForbidden<T>(request: Promise<{ data: T }>): Promise<T> {
  try {
    return (await request).data;
  } catch (error) {
    if (!isConnectorError(error, 'permission-denied')) throw error;
    const endpoint = error.endpoint ?? 'the request';
    const detail = error.apiMessage ? `: ${error.apiMessage}` : '';
    throw error.withMessage(
      `ilert denied ${endpoint} to the API token (403${detail}) - the key lacks permission; ` +
        `set ${flagHint('ilert-api-token')} to a key created by an ilert admin (an organization-wide key is recommended)`,
    );
  }
}
