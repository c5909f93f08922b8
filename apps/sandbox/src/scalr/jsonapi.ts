import type { ServiceResponse } from '../core/service.js';
import type { ScalrAccount, ScalrAccountUser, ScalrServiceAccount, ScalrUser } from './model.js';

/** The JSON:API media type Scalr answers with. */
export const JSON_API_TYPE = 'application/vnd.api+json';
const HEADERS = { 'content-type': JSON_API_TYPE } as const;
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** A JSON:API resource identifier `{type, id}`. */
export interface ResourceRef {
  readonly type: string;
  readonly id: string;
}

/** `meta.pagination` as Scalr sends it. */
export interface Pagination {
  readonly 'current-page': number;
  readonly 'page-size': number;
  readonly 'prev-page': number | null;
  readonly 'next-page': number | null;
  readonly 'total-pages': number;
  readonly 'total-count': number;
}

/**
 * A JSON:API error response: `{"errors":[{status, title, detail, source?}]}`, with the status as a
 * string as JSON:API requires.
 */
export function scalrError(status: number, detail: string, source?: { parameter?: string; pointer?: string }): ServiceResponse {
  const error = { status: String(status), title: TITLES[status] ?? 'Error', detail, ...(source === undefined ? {} : { source }) };
  return { status, headers: HEADERS, body: JSON.stringify({ errors: [error] }) };
}

/** A list document: `data`, `included` when asked for, and `meta.pagination`. */
export function listDocument(data: readonly string[], included: readonly string[] | undefined, pagination: Pagination): ServiceResponse {
  const parts = [`"data":[${data.join(',')}]`];
  if (included !== undefined) parts.push(`"included":[${included.join(',')}]`);
  parts.push(`"meta":{"pagination":${JSON.stringify(pagination)}}`);
  return { status: 200, headers: HEADERS, body: `{${parts.join(',')}}` };
}

/** A single-resource document. */
export function singleDocument(data: string): ServiceResponse {
  return { status: 200, headers: HEADERS, body: `{"data":${data}}` };
}

function resource(
  ref: ResourceRef,
  attributes: Record<string, unknown>,
  relationships: Record<string, ResourceRef | readonly ResourceRef[] | null>,
): string {
  const links = Object.fromEntries(Object.entries(relationships).map(([name, data]) => [name, { data }]));
  return JSON.stringify({
    type: ref.type,
    id: ref.id,
    attributes,
    relationships: links,
    links: { self: `/api/iacp/v3/${ref.type}/${ref.id}` },
  });
}

/** An `accounts` resource object. */
export function accountJson(account: ScalrAccount): string {
  return resource({ type: 'accounts', id: account.id }, { name: account.name, 'created-at': account.createdAt }, {});
}

/** A `users` resource object. */
export function userJson(user: ScalrUser): string {
  return resource(
    { type: 'users', id: user.id },
    {
      email: user.email,
      username: user.username,
      'full-name': user.fullName,
      status: user.status,
      'created-at': user.createdAt,
      'last-login-at': user.lastLoginAt,
    },
    { teams: [], 'identity-providers': [] },
  );
}

/** An `account-users` resource object. */
export function accountUserJson(link: ScalrAccountUser): string {
  return resource(
    { type: 'account-users', id: link.id },
    { status: link.status, 'last-login-at': link.lastLoginAt },
    { account: { type: 'accounts', id: link.accountId }, user: { type: 'users', id: link.userId }, teams: [] },
  );
}

/** A `service-accounts` resource object. */
export function serviceAccountJson(account: ScalrServiceAccount): string {
  return resource(
    { type: 'service-accounts', id: account.id },
    { name: account.name, email: account.email, description: account.description, status: account.status, 'created-at': account.createdAt },
    { account: { type: 'accounts', id: account.accountId }, 'created-by': { type: 'users', id: account.createdBy }, owners: [] },
  );
}
