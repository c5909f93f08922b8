import { defineResourceType, linkPage, userResource, type JsonObject, type Resource, type ResourceSyncer } from '@c1/connector-sdk';
import type { TeamtailorClient, TeamtailorUser } from './client.js';

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

/**
 * Maps a Teamtailor user to a resource. The login is `login-email`, else `email`; the access role
 * (as Teamtailor spells it and as a label) and the job title go to the profile; `no_access`
 * users are disabled, everyone else is enabled.
 */
export function teamtailorUserResource(user: TeamtailorUser): Resource {
  const login = user.loginEmail?.trim() || user.email?.trim() || undefined;
  const email = user.email?.trim() || undefined;
  const profile: JsonObject = { user_id: user.id };
  const fields = { name: user.name, email, login, username: user.username, title: user.title, role: user.role,
    role_label: user.role ? (TEAMTAILOR_ROLE_LABELS[user.role] ?? user.role) : undefined, department: user.department, location: user.location };
  for (const [key, value] of Object.entries(fields)) if (value) profile[key] = value;
  const emails = [login, email].filter((address, index, all): address is string => !!address && all.indexOf(address) === index);
  return userResource({
    type: userResourceType,
    id: user.id,
    displayName: user.name?.trim() || login || `Teamtailor user ${user.id}`,
    profile,
    user: {
      emails: emails.map((address, index) => ({ address, isPrimary: index === 0 })),
      ...(login && { login }),
      status: user.role === 'no_access' ? 'DISABLED' : 'ENABLED',
      accountType: 'HUMAN',
      profile,
    },
  });
}

/** Lists every Teamtailor user, 30 per request, following `links.next`. Users have no entitlements. */
export function userSyncer(client: TeamtailorClient): ResourceSyncer {
  return {
    resourceType: userResourceType,
    async list({ pageToken, ctx }) {
      const page = await linkPage(pageToken, {
        first: '',
        fetch: async (url) => {
          const { users, next, url: from } = await client.listUsers(url || undefined, ctx.signal);
          return { items: users, next, url: from };
        },
      });
      return { ...page, items: page.items.map(teamtailorUserResource) };
    },
  };
}
