import {
  ConnectorError,
  createHttpClient,
  flagHint,
  isConnectorError,
  tokenAuth,
  type ClientRateLimit,
  type HttpClient,
  type Logger,
  type RetryOptions,
  type Timing,
} from '@c1/connector-sdk';
import * as v from 'valibot';

/** The Teamtailor API version this connector is written against, sent as `X-Api-Version` on every request. */
export const TEAMTAILOR_API_VERSION = '20240904';
/** Teamtailor's largest `page[size]`. */
export const TEAMTAILOR_PAGE_SIZE = 30;

const text = v.nullish(v.string());
const linkage = v.nullish(v.object({ data: v.nullish(v.object({ type: v.string(), id: v.string() })) }));

/** A `users` resource object; `login-email` is left out of responses to keys without Admin scope. */
const userSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  attributes: v.object({ name: text, email: text, 'login-email': v.optional(v.nullable(v.string())), username: text, title: text, role: text }),
  relationships: v.nullish(v.object({ department: linkage, location: linkage })),
});

const usersPageSchema = v.object({
  data: v.array(userSchema),
  included: v.nullish(v.array(v.object({ type: v.string(), id: v.string(), attributes: v.nullish(v.object({ name: text })) }))),
  links: v.nullish(v.object({ next: text })),
});

/** A Teamtailor user with the names of its department and location resolved from `included`. */
export interface TeamtailorUser {
  id: string;
  name?: string | null;
  email?: string | null;
  /** Absent for keys without Admin scope; null until the invitation is accepted. */
  loginEmail?: string | null;
  username?: string | null;
  title?: string | null;
  role?: string | null;
  department?: string;
  location?: string;
}

/** One page of users and the link to the next page, if any. */
export interface TeamtailorUsersPage {
  users: TeamtailorUser[];
  next?: string | null;
  url: string;
}

/** What {@link createTeamtailorClient} takes. */
export interface TeamtailorClientOptions {
  apiKey: string;
  baseUrl: string;
  userAgent: string;
  timeoutMs?: number;
  logger?: Logger;
  rateLimit?: ClientRateLimit;
  retry?: RetryOptions;
  timing?: Timing;
}

/** The Teamtailor API calls the connector makes. */
export interface TeamtailorClient {
  /** One page of users (the first page when `url` is left out), 30 at a time, with department and location. */
  listUsers(url?: string, signal?: AbortSignal): Promise<TeamtailorUsersPage>;
}

/** The first page of users: the largest page, with departments and locations on the same request. */
export const FIRST_USERS_PAGE = `users?page%5Bsize%5D=${TEAMTAILOR_PAGE_SIZE}&include=department%2Clocation`;

/** Creates the Teamtailor client: `Token token=` auth, the pinned API version, errors explained. */
export function createTeamtailorClient(options: TeamtailorClientOptions): TeamtailorClient {
  const http: HttpClient = createHttpClient({
    service: 'Teamtailor',
    baseUrl: options.baseUrl,
    auth: tokenAuth(options.apiKey),
    credential: { name: 'API key', flag: 'teamtailor-api-key' },
    userAgent: options.userAgent,
    headers: { accept: 'application/vnd.api+json', 'x-api-version': TEAMTAILOR_API_VERSION },
    errorMessage: (body) => v.is(errorsSchema, body) ? (body.errors[0]?.detail ?? body.errors[0]?.title ?? undefined) : undefined,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.logger && { logger: options.logger }),
    ...(options.rateLimit && { rateLimit: options.rateLimit }),
    ...(options.retry && { retry: options.retry }),
    ...(options.timing && { timing: options.timing }),
  });
  return {
    async listUsers(url = FIRST_USERS_PAGE, signal) {
      const response = await http.get(url, { schema: usersPageSchema, signal }).catch(explain);
      const page = response.data;
      if (page.data.length > 0 && page.data.every((user) => !('login-email' in user.attributes))) throw adminKeyNeeded(response.url);
      const names = new Map((page.included ?? []).map((item) => [`${item.type}:${item.id}`, item.attributes?.name ?? undefined]));
      const named = (data: { type: string; id: string } | null | undefined) => (data ? names.get(`${data.type}:${data.id}`) : undefined);
      const users = page.data.map(({ id, attributes: a, relationships: r }): TeamtailorUser => {
        const department = named(r?.department?.data);
        const location = named(r?.location?.data);
        return { id, name: a.name, email: a.email, loginEmail: a['login-email'], username: a.username, title: a.title, role: a.role,
          ...(department && { department }), ...(location && { location }) };
      });
      return { users, next: page.links?.next, url: response.url };
    },
  };
}

const errorsSchema = v.object({ errors: v.array(v.object({ detail: text, title: text })) });

const ADMIN_KEY = `set ${flagHint('teamtailor-api-key')} to a key with Admin scope`;

function adminKeyNeeded(url: string): Error {
  return new ConnectorError(`Teamtailor listed users without login-email, which only an Admin scope API key can read - ${ADMIN_KEY}`, {
    code: 'permission-denied', endpoint: `GET ${new URL(url).pathname}` });
}

/** Explains the failures an operator can fix: wrong key or region, a key without Admin scope, a refused API version. */
function explain(error: unknown): never {
  if (!isConnectorError(error)) throw error;
  const detail = error.apiMessage ? `: ${error.apiMessage}` : '';
  if (error.code === 'unauthenticated') {
    throw error.withMessage(`Teamtailor rejected the API key (401${detail}) - check ${flagHint('teamtailor-api-key')} and ` +
      `${flagHint('teamtailor-region')}: a key is only valid in its own region`);
  }
  if (error.code === 'permission-denied') throw error.withMessage(`Teamtailor denied ${error.endpoint ?? 'the request'} to the API key (403${detail}) - reading users needs an Admin scope key; ${ADMIN_KEY}`);
  if (error.status === 406) throw error.withMessage(`Teamtailor refused API version ${TEAMTAILOR_API_VERSION} (406${detail}) - this connector sends X-Api-Version ${TEAMTAILOR_API_VERSION}; a connector release for a version Teamtailor accepts is needed`);
  throw error;
}
