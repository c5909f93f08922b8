import {
  ConnectorError,
  bearerAuth,
  createHttpClient,
  flagHint,
  isConnectorError,
  jsonApiPageInfo,
  type HttpClient,
  type Logger,
  type PageNumberListPage,
  type RetryOptions,
  type Timing,
} from '@c1/connector-sdk';
import * as v from 'valibot';

/** The largest `page[size]` Scalr serves (larger requests are capped to it). */
export const SCALR_PAGE_SIZE = 100;

const text = v.nullish(v.string());
const date = v.nullish(v.pipe(v.string(), v.check((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 date')));
const ref = v.object({ data: v.nullish(v.object({ id: v.string() })) });
const listOf = <T extends v.GenericSchema>(item: T) =>
  v.object({ data: v.array(item), included: v.optional(v.array(v.object({ type: v.string(), id: v.string(), attributes: v.optional(v.unknown()) }))), meta: v.optional(v.unknown()), links: v.optional(v.unknown()) });

/** A `users` resource's attributes. */
export const scalrUserSchema = v.object({
  id: v.string(),
  attributes: v.object({ email: text, username: text, 'full-name': text, status: text, 'created-at': date, 'last-login-at': date }),
});
/** An IAM user. */
export type ScalrUser = v.InferOutput<typeof scalrUserSchema>;

const accountUserSchema = v.object({
  id: v.string(),
  attributes: v.object({ status: text, 'last-login-at': date }),
  relationships: v.object({ user: ref }),
});

/** A `service-accounts` resource. */
export const scalrServiceAccountSchema = v.object({
  id: v.string(),
  attributes: v.object({ name: text, email: text, description: text, status: text, 'created-at': date }),
});
/** A service account. */
export type ScalrServiceAccount = v.InferOutput<typeof scalrServiceAccountSchema>;

/** A user's link to the account: its status and last login there, with the user. */
export interface ScalrMember {
  user: ScalrUser;
  status: string | null | undefined;
  lastLoginAt: string | null | undefined;
}

/** What {@link createScalrClient} takes. */
export interface ScalrClientOptions {
  account: string;
  apiToken: string;
  /** Origin for self-hosted Scalr; default `https://<account>.scalr.io`. */
  baseUrl?: string | undefined;
  userAgent: string;
  timeoutMs?: number;
  logger?: Logger;
  retry?: RetryOptions;
  timing?: Timing;
}

/** The Scalr calls the connector makes, all scoped to the configured account. */
export interface ScalrClient {
  /** The account's id (`acc-…`), looked up once by its name. */
  accountId(signal?: AbortSignal): Promise<string>;
  /** One page of the account's users (`/account-users?include=user`). */
  members(page: number, size: number, signal?: AbortSignal): Promise<PageNumberListPage<ScalrMember>>;
  /** One page of the account's service accounts. */
  serviceAccounts(page: number, size: number, signal?: AbortSignal): Promise<PageNumberListPage<ScalrServiceAccount>>;
}

/** Creates the Scalr client: JSON:API, bearer token, 404s explained as the permission problem they usually are. */
export function createScalrClient(options: ScalrClientOptions): ScalrClient {
  const origin = (options.baseUrl ?? `https://${options.account}.scalr.io`).replace(/\/+$/, '');
  const http: HttpClient = createHttpClient({
    service: 'Scalr',
    baseUrl: `${origin}/api/iacp/v3/`,
    auth: bearerAuth(options.apiToken),
    credential: { name: 'API token', flag: 'scalr-api-token' },
    userAgent: options.userAgent,
    headers: { accept: 'application/vnd.api+json' },
    errorMessage: jsonApiErrorMessage,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.logger && { logger: options.logger }),
    ...(options.retry && { retry: options.retry }),
    ...(options.timing && { timing: options.timing }),
  });
  const explain = (error: unknown): never => {
    if (!isConnectorError(error, 'not-found')) throw error;
    throw error.withMessage(notFoundMessage(options.account, error.apiMessage));
  };
  const list = async <T extends v.GenericSchema>(path: string, item: T, query: Record<string, string | number>, signal?: AbortSignal) => {
    const { data } = await http.get(path, { schema: listOf(item), searchParams: query, ...(signal && { signal }) }).catch(explain);
    return { ...data, ...jsonApiPageInfo(data) };
  };
  let accountId: Promise<string> | undefined;
  const client: ScalrClient = {
    accountId(signal) {
      accountId ??= list('accounts', v.object({ id: v.string() }), { 'filter[name]': options.account }, signal).then(({ data }) => {
        if (data[0]) return data[0].id;
        throw new ConnectorError(notFoundMessage(options.account), { code: 'not-found' });
      });
      accountId.catch(() => (accountId = undefined));
      return accountId;
    },
    async members(page, size, signal) {
      const query = { 'filter[account]': await client.accountId(signal), include: 'user', 'page[number]': page, 'page[size]': size };
      const result = await list('account-users', accountUserSchema, query, signal);
      const users = new Map((result.included ?? []).filter((item) => item.type === 'users').map((item) => [item.id, v.parse(scalrUserSchema, item)]));
      const items = result.data.map((link) => {
        const user = users.get(link.relationships.user.data?.id ?? '');
        if (!user) throw new ConnectorError(`Scalr GET /account-users returned account-user ${link.id} without its included user`, { code: 'internal' });
        return { user, status: link.attributes.status, lastLoginAt: link.attributes['last-login-at'] };
      });
      return { ...result, items };
    },
    async serviceAccounts(page, size, signal) {
      const query = { 'filter[account]': await client.accountId(signal), 'page[number]': page, 'page[size]': size };
      const result = await list('service-accounts', scalrServiceAccountSchema, query, signal);
      return { ...result, items: result.data };
    },
  };
  return client;
}

function notFoundMessage(account: string, apiMessage?: string): string {
  return (
    `Scalr: the token cannot read users in account ${account}, or the account does not exist (404${apiMessage ? `: ${apiMessage}` : ''}) - ` +
    `check ${flagHint('scalr-account')} and that ${flagHint('scalr-api-token')} may read users and service accounts there`
  );
}

/** The `detail` (else `title`) of each JSON:API error object, joined. */
export function jsonApiErrorMessage(body: unknown): string | undefined {
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return undefined;
  const texts = errors.map((error: { detail?: unknown; title?: unknown }) => (typeof error?.detail === 'string' ? error.detail : error?.title)).filter((t) => typeof t === 'string' && t.trim());
  return texts.length > 0 ? texts.join('; ') : undefined;
}
