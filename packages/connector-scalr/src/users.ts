import { defineResourceType, pageNumberPage, userResource, type JsonObject, type Resource, type ResourceSyncer, type UserTraitInit } from '@c1/connector-sdk';
import { SCALR_PAGE_SIZE, type ScalrClient, type ScalrMember, type ScalrServiceAccount } from './client.js';

/** Scalr IAM users and service accounts: resource type `user` with the USER trait. */
export const userResourceType = defineResourceType({
  id: 'user',
  displayName: 'User',
  traits: ['USER'],
  description: 'A Scalr IAM user or service account of the account',
});

const dateOf = (text: string | null | undefined): Date | undefined => (text ? new Date(text) : undefined);

/** `Active` and `Pending` are enabled (a pending invitee may still accept), `Inactive` disabled. */
function status(value: string | null | undefined): UserTraitInit['status'] {
  if (value === 'Inactive') return 'DISABLED';
  return value === 'Pending' ? { status: 'ENABLED', details: 'Pending: invited, has not signed in yet' } : 'ENABLED';
}

function resource(id: string, name: string, email: string | undefined, state: string | null | undefined, user: UserTraitInit, extra: JsonObject): Resource {
  const profile: JsonObject = { user_id: id, ...(email && { email, login: email }), ...(state && { status: state }), ...extra };
  const createdAt = user.createdAt;
  return userResource({
    type: userResourceType,
    id,
    displayName: name,
    profile,
    ...(createdAt && { createdAt }),
    user: { ...user, emails: email ? [{ address: email, isPrimary: true }] : [], ...(email && { login: email }), status: status(state), profile },
  });
}

/** Maps an account member: display name is the full name, else the username, else the email. */
export function memberResource({ user, status: state, lastLoginAt }: ScalrMember): Resource {
  const { email, username, 'full-name': fullName } = user.attributes;
  const lastLogin = dateOf(lastLoginAt ?? user.attributes['last-login-at']);
  const createdAt = dateOf(user.attributes['created-at']);
  return resource(user.id, fullName || username || email || user.id, email || undefined, state ?? user.attributes.status, {
    accountType: 'HUMAN',
    ...(lastLogin && { lastLogin }),
    ...(createdAt && { createdAt }),
    ...(username && { loginAliases: [username] }),
  }, { ...(username && { username }), ...(fullName && { full_name: fullName }) });
}

/** Maps a service account (account type SERVICE). */
export function serviceAccountResource(account: ScalrServiceAccount): Resource {
  const { name, email, description, status: state } = account.attributes;
  const createdAt = dateOf(account.attributes['created-at']);
  return resource(account.id, name || email || account.id, email || undefined, state, { accountType: 'SERVICE', ...(createdAt && { createdAt }) }, {
    ...(description && { description }),
  });
}

/** Lists the account's users (token `u:<page>`), then its service accounts (`s:<page>`), 100 a page. */
export function userSyncer(client: ScalrClient): ResourceSyncer {
  return {
    resourceType: userResourceType,
    async list({ pageToken, ctx }) {
      if (!pageToken.startsWith('s:')) {
        const page = await pageNumberPage(pageToken.replace(/^u:/, ''), { pageSize: SCALR_PAGE_SIZE, fetch: (n, size) => client.members(n, size, ctx.signal) });
        return { items: page.items.map(memberResource), nextPageToken: page.nextPageToken ? `u:${page.nextPageToken}` : 's:' };
      }
      const page = await pageNumberPage(pageToken.slice(2), { pageSize: SCALR_PAGE_SIZE, fetch: (n, size) => client.serviceAccounts(n, size, ctx.signal) });
      return { items: page.items.map(serviceAccountResource), ...(page.nextPageToken && { nextPageToken: `s:${page.nextPageToken}` }) };
    },
  };
}
