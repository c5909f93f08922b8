import type { UserEmail } from '../model/annotations.js';
import { groupResource, userResource } from '../model/builders.js';
import type { JsonObject } from '../model/json.js';
import type { Resource, ResourceType } from '../model/types.js';
import type { ScimGroup, ScimUser } from './schemas.js';

/** A SCIM user's email addresses, deduplicated, one primary; the userName when it is an email and there are none. */
export function scimEmails(user: ScimUser): UserEmail[] {
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

/** A SCIM `meta.created` as a date, or undefined when absent or unreadable. */
export function scimCreatedAt(resource: { meta?: { created?: string | null | undefined } | null | undefined }): Date | undefined {
  const created = resource.meta?.created ? new Date(resource.meta.created) : undefined;
  return created && !Number.isNaN(created.getTime()) ? created : undefined;
}

/** What {@link scimUserResource} takes besides the user. */
export interface ScimUserMapping {
  /** The resource type users become (USER trait). */
  resourceType: ResourceType;
  /** Profile entries of the service's own (extension attributes); added after the SCIM ones. */
  extraProfile?: JsonObject;
}

const trimmed = (text: string | null | undefined): string | undefined => text?.trim() || undefined;

/** The profile of a SCIM user: userName, active, email, givenName, familyName, title, externalId. */
function scimUserProfile(user: ScimUser, primaryEmail: string | undefined, extra: JsonObject | undefined): JsonObject {
  const userName = trimmed(user.userName);
  const profile: JsonObject = { ...(userName && { userName }), active: user.active !== false };
  const entries: [string, string | undefined][] = [
    ['email', primaryEmail],
    ['givenName', trimmed(user.name?.givenName)],
    ['familyName', trimmed(user.name?.familyName)],
    ['title', trimmed(user.title)],
  ];
  for (const [key, value] of entries) if (value) profile[key] = value;
  for (const [key, value] of Object.entries(extra ?? {})) if (value !== undefined) profile[key] = value;
  if (user.externalId) profile.externalId = user.externalId;
  return profile;
}

/**
 * Maps a SCIM user to a resource. The userName is the login (the primary email when it is
 * missing); the display name is the formatted or given and family name, else `displayName`,
 * the login, and last the id. `active: false` is DISABLED; accounts are HUMAN.
 */
export function scimUserResource(user: ScimUser, mapping: ScimUserMapping): Resource {
  const givenName = trimmed(user.name?.givenName);
  const familyName = trimmed(user.name?.familyName);
  const fullName = trimmed(user.name?.formatted) || [givenName, familyName].filter(Boolean).join(' ') || trimmed(user.displayName);
  const emails = scimEmails(user);
  const primaryEmail = emails.find((email) => email.isPrimary)?.address;
  const login = trimmed(user.userName) ?? primaryEmail;
  const profile = scimUserProfile(user, primaryEmail, mapping.extraProfile);
  const createdAt = scimCreatedAt(user);
  return userResource({
    type: mapping.resourceType,
    id: user.id,
    displayName: fullName || login || user.id,
    profile,
    ...(createdAt && { createdAt }),
    user: {
      emails,
      ...(login && { login }),
      status: user.active !== false ? 'ENABLED' : 'DISABLED',
      accountType: 'HUMAN',
      profile,
      ...(createdAt && { createdAt }),
      structuredName: { ...(givenName && { givenName }), ...(familyName && { familyName }) },
    },
  });
}

/** What {@link scimGroupResource} takes besides the group. */
export interface ScimGroupMapping {
  /** The resource type groups become (GROUP trait). */
  resourceType: ResourceType;
  /** The service's name, for the display name of a group without one: `Ironclad group 42`. */
  service: string;
}

/** Maps a SCIM group to a resource: its display name (or `<service> group <id>`) and externalId in the profile. */
export function scimGroupResource(group: ScimGroup, mapping: ScimGroupMapping): Resource {
  const name = trimmed(group.displayName) || `${mapping.service} group ${group.id}`;
  const profile: JsonObject = { displayName: name };
  if (group.externalId) profile.externalId = group.externalId;
  const createdAt = scimCreatedAt(group);
  return groupResource({
    type: mapping.resourceType,
    id: group.id,
    displayName: name,
    profile,
    ...(createdAt && { createdAt }),
    group: { profile },
  });
}

/** The user ids among a group's members; members of other types, and members without a `value`, are skipped. */
export function scimMemberUserIds(group: Pick<ScimGroup, 'members'>): string[] {
  const ids: string[] = [];
  for (const member of group.members ?? []) {
    const id = member.value;
    if (id && id.trim() !== '' && (!member.type || member.type.toLowerCase() === 'user')) ids.push(id);
  }
  return ids;
}
