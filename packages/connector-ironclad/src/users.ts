import { defineResourceType, type Resource, type ResourceSyncer } from '@c1/connector-sdk';
import { SCIM_SCHEMAS, scimUserResource, scimUserSyncer } from '@c1/connector-sdk/scim';
import { IRONCLAD_MAX_PAGE_SIZE, IRONCLAD_USER_EXTENSION, ironcladUserSchema, type IroncladClient, type IroncladUser } from './client.js';

/** Ironclad users: resource type `user`, shown as "Account", with the USER trait. */
export const userResourceType = defineResourceType({
  id: 'user',
  displayName: 'Account',
  traits: ['USER'],
  description: 'An Ironclad user account',
});

/**
 * Maps an Ironclad user to a resource with the SCIM kit's mapping (login, emails, name, status),
 * adding the department (enterprise extension) and sign-in provider (Ironclad extension) to the
 * profile. `active: false` is DISABLED (Ironclad removes such users).
 */
export function ironcladUserResource(user: IroncladUser): Resource {
  const department = user[SCIM_SCHEMAS.enterpriseUser]?.department?.trim() || undefined;
  const provider = user[IRONCLAD_USER_EXTENSION]?.provider?.trim() || undefined;
  return scimUserResource(user, {
    resourceType: userResourceType,
    extraProfile: { ...(department && { department }), ...(provider && { provider }) },
  });
}

/** Lists every Ironclad user, 1000 per request. Users have no entitlements of their own. */
export function userSyncer(client: IroncladClient): ResourceSyncer {
  return scimUserSyncer({
    scim: client.scim,
    pageSize: IRONCLAD_MAX_PAGE_SIZE,
    resourceType: userResourceType,
    schema: ironcladUserSchema,
    toResource: ironcladUserResource,
  });
}
