import { ConnectorError, defineResourceType, sequencePage, userResource } from '@c1/connector-sdk';
import type { JsonObject, Page, Resource, ResourceSyncer, UserTraitInit } from '@c1/connector-sdk';
import { jsonApiPage, type JsonApiPage } from '@c1/connector-sdk/jsonapi';
import type * as v from 'valibot';
import { SCALR_PAGE_SIZE, scalrAccountUserSchema, scalrServiceAccountSchema, scalrUserSchema, type ScalrApi } from './client.js';

/** Scalr IAM users and service accounts: resource type `user` with the USER trait. */
export const userResourceType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

type Text = string | null | undefined;
type Fields = Record<'email' | 'status' | 'created', Text>;
type Link = v.InferOutput<typeof scalrAccountUserSchema>;
const dateOf = (value: Text): Date | undefined => (value ? new Date(value) : undefined);

/** `Active` and `Pending` are enabled (a pending invitee may still accept), `Inactive` disabled. */
function statusOf(value: Text): UserTraitInit['status'] {
  if (value === 'Inactive') return 'DISABLED';
  return value === 'Pending' ? { status: 'ENABLED', details: 'Pending: invited, has not signed in yet' } : 'ENABLED';
}

/** A `user` resource: the email as login, the Scalr status kept in the profile, `extra` profile keys. */
function scalrResource(id: string, name: string, fields: Fields, user: UserTraitInit, extra: JsonObject): Resource {
  const { email, status } = fields;
  const createdAt = dateOf(fields.created);
  const profile: JsonObject = { user_id: id, ...(email && { email, login: email }), ...(status && { status }), ...extra };
  const emails = email ? [{ address: email, isPrimary: true }] : [];
  const dates = createdAt && { createdAt };
  const trait = { ...user, emails, ...(email && { login: email }), status: statusOf(status), profile, ...dates };
  return userResource({ type: userResourceType, id, displayName: name, profile, ...dates, user: trait });
}

/** Maps a member: its status and last sign-in in the account; named by full name, else username, else email. */
export function memberResource(link: Link, user: v.InferOutput<typeof scalrUserSchema>): Resource {
  const { email, username, 'full-name': fullName, status, 'created-at': created } = user.attributes;
  const lastLogin = dateOf(link.attributes['last-login-at'] ?? user.attributes['last-login-at']);
  const fields = { email, status: link.attributes.status ?? status, created };
  const trait: UserTraitInit = { accountType: 'HUMAN', ...(lastLogin && { lastLogin }), ...(username && { loginAliases: [username] }) };
  const extra = { ...(username && { username }), ...(fullName && { full_name: fullName }) };
  return scalrResource(user.id, fullName || username || email || user.id, fields, trait, extra);
}

/** Maps a service account (account type SERVICE). */
export function serviceAccountResource({ id, attributes }: v.InferOutput<typeof scalrServiceAccountSchema>): Resource {
  const { name, email, description, status, 'created-at': created } = attributes;
  const extra = { ...(description && { description }) };
  return scalrResource(id, name || email || id, { email, status, created }, { accountType: 'SERVICE' }, extra);
}

function pageOf<T>(page: JsonApiPage<T>, map: (item: T) => Resource): Page<Resource> {
  return { items: page.items.map(map), ...(page.nextPageToken && { nextPageToken: page.nextPageToken }) };
}

/** One page of the account's users: `/account-users` with each link's user included. */
export async function listMembers(api: ScalrApi, pageToken: string, pageSize = SCALR_PAGE_SIZE): Promise<Page<Resource>> {
  const searchParams = { 'filter[account]': await api.accountId(), include: 'user' };
  const listing = { http: api.http, path: 'account-users', schema: scalrAccountUserSchema, included: scalrUserSchema };
  const page = await jsonApiPage(pageToken, { ...listing, pageSize, searchParams });
  return pageOf(page, (link) => {
    const user = page.included.related(link, 'user')[0];
    if (user) return memberResource(link, user);
    throw new ConnectorError(`Scalr GET /account-users returned ${link.id} without its user`, { code: 'internal' });
  });
}

/** One page of the account's service accounts. */
export async function listServiceAccounts(api: ScalrApi, pageToken: string, pageSize = SCALR_PAGE_SIZE): Promise<Page<Resource>> {
  const searchParams = { 'filter[account]': await api.accountId() };
  const listing = { http: api.http, path: 'service-accounts', schema: scalrServiceAccountSchema, pageSize, searchParams };
  return pageOf(await jsonApiPage(pageToken, listing), serviceAccountResource);
}

/** Lists the account's users, then its service accounts, 100 a page, as one `user` listing. */
export function userSyncer(api: ScalrApi): ResourceSyncer {
  const listings = [(token: string) => listMembers(api, token), (token: string) => listServiceAccounts(api, token)];
  return { resourceType: userResourceType, list: ({ pageToken }) => sequencePage(pageToken, listings) };
}
