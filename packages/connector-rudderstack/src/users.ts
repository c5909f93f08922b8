import { defineResourceType, userResource, type JsonObject, type Resource, type ResourceSyncer, type ScimUser } from '@c1/connector-sdk';
import type { RudderstackClient } from './client.js';

/** RudderStack organization members: resource type `user` with the USER trait. */
export const userResourceType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'], description: 'A RudderStack organization member' });

/** Maps a SCIM user: userName is the login, `active: false` is DISABLED, every account is human. */
export function rudderstackUserResource(user: ScimUser): Resource {
  const login = user.userName?.trim() || undefined;
  const addresses = [...new Set((user.emails ?? []).map((email) => email.value?.trim()).filter((value): value is string => !!value))];
  if (addresses.length === 0 && login?.includes('@')) addresses.push(login);
  const primary = user.emails?.find((email) => email.primary === true)?.value?.trim() ?? addresses[0];
  const profile: JsonObject = { user_id: user.id, ...(login && { login }), ...(primary && { email: primary }), active: user.active !== false };
  return userResource({
    type: userResourceType,
    id: user.id,
    displayName: user.displayName?.trim() || login || primary || user.id,
    profile,
    user: {
      emails: addresses.map((address) => ({ address, isPrimary: address === primary })),
      ...(login && { login }),
      status: user.active === false ? 'DISABLED' : 'ENABLED',
      accountType: 'HUMAN',
      profile,
    },
  });
}

/** Lists every user. */
export function userSyncer(client: RudderstackClient): ResourceSyncer {
  return {
    resourceType: userResourceType,
    async list({ pageToken, ctx }) {
      const page = await client.listUsers(pageToken, ctx.signal);
      return { ...page, items: page.items.map(rudderstackUserResource) };
    },
  };
}
