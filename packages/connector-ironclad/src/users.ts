import {
  batonProfileKeys,
  defineResourceType,
  SCIM_SCHEMAS,
  userResource,
  type JsonObject,
  type Resource,
  type ResourceSyncer,
  type UserEmail,
} from '@c1/connector-sdk';
import { IRONCLAD_USER_EXTENSION, type IroncladClient, type IroncladUser } from './client.js';

/** Ironclad users: resource type `user`, shown as "Account", with the USER trait. */
export const userResourceType = defineResourceType({
  id: 'user',
  displayName: 'Account',
  traits: ['USER'],
  description: 'An Ironclad user account',
});

function emailsOf(user: IroncladUser): UserEmail[] {
  const emails: UserEmail[] = [];
  for (const email of user.emails ?? []) {
    const address = email.value?.trim();
    if (address && !emails.some((known) => known.address === address)) emails.push({ address, isPrimary: email.primary === true });
  }
  const userName = user.userName?.trim();
  if (emails.length === 0 && userName?.includes('@')) emails.push({ address: userName, isPrimary: true });
  if (!emails.some((email) => email.isPrimary) && emails[0]) emails[0].isPrimary = true;
  return emails;
}

/**
 * Maps an Ironclad user to a resource. The userName (the user's email) is the login, the
 * primary email when Ironclad leaves the userName out (its API requires only `id`). The display
 * name is the formatted or given and family name, else the display name, the userName, the
 * primary email, and last the id. Title, department, sign-in provider and the active flag go to
 * the profile, beside Baton's keys. `active: false` is DISABLED (Ironclad removes such users).
 */
export function ironcladUserResource(user: IroncladUser): Resource {
  const givenName = user.name?.givenName?.trim() || undefined;
  const familyName = user.name?.familyName?.trim() || undefined;
  const fullName = user.name?.formatted?.trim() || [givenName, familyName].filter(Boolean).join(' ') || user.displayName?.trim();
  const emails = emailsOf(user);
  const primaryEmail = emails.find((email) => email.isPrimary)?.address;
  const department = user[SCIM_SCHEMAS.enterpriseUser]?.department?.trim() || undefined;
  const provider = user[IRONCLAD_USER_EXTENSION]?.provider?.trim() || undefined;
  const active = user.active !== false;
  const userName = user.userName?.trim() || undefined;
  const login = userName ?? primaryEmail;
  const profile: JsonObject = {
    ...batonProfileKeys({ firstName: givenName, lastName: familyName, email: primaryEmail, login, userId: user.id }),
    ...(userName && { userName }),
    active,
  };
  if (primaryEmail) profile.email = primaryEmail;
  if (givenName) profile.givenName = givenName;
  if (familyName) profile.familyName = familyName;
  if (user.title?.trim()) profile.title = user.title.trim();
  if (department) profile.department = department;
  if (provider) profile.provider = provider;
  if (user.externalId) profile.externalId = user.externalId;
  const created = user.meta?.created ? new Date(user.meta.created) : undefined;
  const createdAt = created && !Number.isNaN(created.getTime()) ? created : undefined;
  return userResource({
    type: userResourceType,
    id: user.id,
    displayName: fullName || login || user.id,
    profile,
    ...(createdAt && { createdAt }),
    user: {
      emails,
      ...(login && { login }),
      status: active ? 'ENABLED' : 'DISABLED',
      accountType: 'HUMAN',
      profile,
      ...(createdAt && { createdAt }),
      structuredName: { ...(givenName && { givenName }), ...(familyName && { familyName }) },
    },
  });
}

/** Lists every Ironclad user, 1000 per request. Users have no entitlements of their own. */
export function userSyncer(client: IroncladClient): ResourceSyncer {
  return {
    resourceType: userResourceType,
    async list({ pageToken, ctx }) {
      const page = await client.listUsers(pageToken, ctx.signal);
      return { ...page, items: page.items.map(ironcladUserResource) };
    },
  };
}
