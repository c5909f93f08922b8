import {
  batonProfileKeys,
  defineResourceType,
  offsetPage,
  userResource,
  type JsonObject,
  type Resource,
  type ResourceSyncer,
} from '@c1/connector-sdk';
import { ILERT_MAX_PAGE_SIZE, type IlertClient, type IlertUser } from './client.js';

/** ilert users: resource type `user` with the USER trait. */
export const userResourceType = defineResourceType({
  id: 'user',
  displayName: 'User',
  traits: ['USER'],
  description: 'An ilert user account',
});

const PROFILE_FIELDS = ['role', 'position', 'department', 'timezone', 'language', 'region'] as const;

/**
 * Maps an ilert user to a resource. The display name is first and last name (the email when
 * both are empty); the email is the primary email and the login; the organization role and
 * the other descriptive fields go to the profile as ilert names them, beside Baton's keys.
 */
export function ilertUserResource(user: IlertUser): Resource {
  const fullName = [user.firstName, user.lastName]
    .filter((part) => part && part.trim())
    .join(' ')
    .trim();
  const email = user.email?.trim() || undefined;
  const profile: JsonObject = {
    ...batonProfileKeys({ firstName: user.firstName, lastName: user.lastName, email, login: email, userId: user.id }),
  };
  if (user.firstName) profile.firstName = user.firstName;
  if (user.lastName) profile.lastName = user.lastName;
  if (email) profile.email = email;
  for (const field of PROFILE_FIELDS) {
    const value = user[field];
    if (value) profile[field] = value;
  }
  const createdAt = user.createdAt ? new Date(user.createdAt) : undefined;
  return userResource({
    type: userResourceType,
    id: user.id,
    displayName: fullName || email || `ilert user ${user.id}`,
    profile,
    ...(createdAt && { createdAt }),
    user: {
      emails: email ? [{ address: email, isPrimary: true }] : [],
      ...(email && { login: email }),
      status: 'ENABLED',
      accountType: 'HUMAN',
      profile,
      ...(createdAt && { createdAt }),
      structuredName: { ...(user.firstName && { givenName: user.firstName }), ...(user.lastName && { familyName: user.lastName }) },
    },
  });
}

/** Lists every ilert user, 100 per request. Users have no entitlements of their own. */
export function userSyncer(client: IlertClient): ResourceSyncer {
  return {
    resourceType: userResourceType,
    async list({ pageToken }) {
      const page = await offsetPage(pageToken, {
        pageSize: ILERT_MAX_PAGE_SIZE,
        fetch: (offset, limit) => client.listUsers(offset, limit),
      });
      return { ...page, items: page.items.map(ilertUserResource) };
    },
  };
}
