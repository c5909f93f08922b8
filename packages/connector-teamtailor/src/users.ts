import {
  ConnectorError,
  defineResourceType,
  userResource,
  type HttpClient,
  type JsonObject,
  type Resource,
  type ResourceSyncer,
} from '@c1/connector-sdk';
import { jsonApiSyncer, type JsonApiIncluded } from '@c1/connector-sdk/jsonapi';
import { TEAMTAILOR_PAGE_SIZE, teamtailorUserSchema, type TeamtailorUser } from './client.js';

/** Teamtailor users: resource type `user` with the USER trait. */
export const userResourceType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'], description: 'A Teamtailor user' });

/** Display labels of the access roles Teamtailor documents; any other role is shown as it is spelt. */
export const TEAMTAILOR_ROLE_LABELS: Readonly<Record<string, string>> = {
  admin: 'Admin',
  recruiter: 'Recruiter',
  user: 'User',
  no_access: 'No access',
  designer: 'Designer',
  external_recruiter: 'External recruiter',
};

/** The users listing: 30 per page by `links.next`, department and location on the same request. */
export const usersListing = (http: HttpClient) =>
  ({
    http,
    path: 'users',
    schema: teamtailorUserSchema,
    pageSize: TEAMTAILOR_PAGE_SIZE,
    paging: 'links',
    searchParams: { include: 'department,location' },
  }) as const;

/** Throws when a listed user comes without `login-email`, which only Admin scope keys are given. */
export function requireAdminScope(user: TeamtailorUser, advice: string): void {
  if ('login-email' in user.attributes) return;
  throw new ConnectorError(`Teamtailor listed users without login-email - ${advice}`, {
    code: 'permission-denied',
    endpoint: 'GET /users',
  });
}

/**
 * Maps a Teamtailor user to a resource. The login is `login-email`, else `email`; the access role
 * (as Teamtailor spells it and as a label), the job title and the included department and
 * location names go to the profile; `no_access` users are disabled, everyone else is enabled.
 */
export function teamtailorUserResource(
  user: TeamtailorUser,
  included?: JsonApiIncluded<{ type: string; id: string; attributes?: Record<string, unknown> | null }>,
): Resource {
  const { name, email, username, title, role } = user.attributes;
  const login = user.attributes['login-email']?.trim() || email?.trim() || undefined;
  const named = (relationship: string) => included?.related(user, relationship)[0]?.attributes?.name;
  const fields = {
    user_id: user.id,
    name,
    email,
    login,
    username,
    title,
    role,
    role_label: role && (TEAMTAILOR_ROLE_LABELS[role] ?? role),
    department: named('department'),
    location: named('location'),
  };
  const profile: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string' && value.trim()) profile[key] = value;
  const emails = [...new Set([login, email?.trim()].filter((address) => !!address))] as string[];
  return userResource({
    type: userResourceType,
    id: user.id,
    displayName: name?.trim() || login || `Teamtailor user ${user.id}`,
    profile,
    user: {
      emails: emails.map((address, index) => ({ address, isPrimary: index === 0 })),
      ...(login && { login }),
      status: role === 'no_access' ? 'DISABLED' : 'ENABLED',
      accountType: 'HUMAN',
      profile,
    },
  });
}

/** Lists every Teamtailor user; `advice` is what to set when the key lacks Admin scope. Users have no entitlements. */
export function userSyncer(http: HttpClient, advice: string): ResourceSyncer {
  return jsonApiSyncer({
    ...usersListing(http),
    resourceType: userResourceType,
    toResource: (user, included) => {
      requireAdminScope(user, advice);
      return teamtailorUserResource(user, included);
    },
  });
}
