import { ConnectorError, bearerAuth, type HttpClient } from '@c1/connector-sdk';
import { JSON_API_MEDIA_TYPE, jsonApiErrorMessage, jsonApiListSchema, jsonApiResourceSchema } from '@c1/connector-sdk/jsonapi';
import * as v from 'valibot';
import type { ScalrConfig, ScalrRuntime } from './config.js';

/** The largest `page[size]` Scalr serves. */
export const SCALR_PAGE_SIZE = 100;

const text = v.nullish(v.string());
const date = v.nullish(v.pipe(v.string(), v.isoTimestamp('expected an ISO-8601 timestamp')));

/** An IAM user (`users`), as `/account-users?include=user` includes it. */
export const scalrUserSchema = jsonApiResourceSchema({
  type: 'users',
  attributes: { email: text, username: text, 'full-name': text, status: text, 'created-at': date, 'last-login-at': date },
});
/** A user's link to the account (`account-users`): the status and last sign-in there. */
export const scalrAccountUserSchema = jsonApiResourceSchema({ type: 'account-users', attributes: { status: text, 'last-login-at': date } });
/** A service account (`service-accounts`). */
export const scalrServiceAccountSchema = jsonApiResourceSchema({
  type: 'service-accounts',
  attributes: { name: text, email: text, description: text, status: text, 'created-at': date },
});
const accountsSchema = jsonApiListSchema(jsonApiResourceSchema({ type: 'accounts', attributes: {} }));

/** The account's API: the HTTP client and the account id, looked up once. */
export interface ScalrApi {
  readonly http: HttpClient;
  /** The account's id (`acc-…`), found by its name on first use. */
  accountId(): Promise<string>;
}

/** The account's JSON:API at `<origin>/api/iacp/v3`. Scalr answers 404, not 403, without permission: say both. */
export function createScalrApi(config: ScalrConfig, runtime: ScalrRuntime): ScalrApi {
  const account = config['scalr-account'];
  const advice =
    `the token cannot read users in account ${account}, or the account does not exist - check ${runtime.setting('scalr-account')} ` +
    `and that ${runtime.setting('scalr-api-token')} may read users and service accounts there`;
  const http = runtime.httpClient({
    service: 'Scalr',
    baseUrl: `${(config['scalr-base-url'] ?? `https://${account}.scalr.io`).replace(/\/+$/, '')}/api/iacp/v3/`,
    auth: bearerAuth(config['scalr-api-token']),
    credential: { name: 'API token', key: 'scalr-api-token' },
    headers: { accept: JSON_API_MEDIA_TYPE },
    errorMessage: jsonApiErrorMessage,
    hints: [{ status: 404, message: advice }],
  });
  const lookUp = async (): Promise<string> => {
    const { data } = await http.get('accounts', { schema: accountsSchema, searchParams: { 'filter[name]': account } });
    if (data.data[0]) return data.data[0].id;
    throw new ConnectorError(`Scalr GET /accounts found no account named ${account}; ${advice}`, { code: 'not-found' });
  };
  let accountId: Promise<string> | undefined;
  return { http, accountId: () => (accountId ??= lookUp()) };
}
