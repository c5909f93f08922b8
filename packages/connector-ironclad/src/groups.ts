import { defineResourceType, type ProvisioningGuard, type Resource, type ResourceSyncer } from '@c1/connector-sdk';
import { scimGroupResource, scimGroupSyncer, scimMembershipProvisioner } from '@c1/connector-sdk/scim';
import { IRONCLAD_MAX_PAGE_SIZE, ironcladGroupSchema, type IroncladClient, type IroncladGroup } from './client.js';
import { userResourceType } from './users.js';

/** Ironclad groups: resource type `group` with the GROUP trait. */
export const groupResourceType = defineResourceType({
  id: 'group',
  displayName: 'Group',
  traits: ['GROUP'],
  description: 'An Ironclad group',
});

/** Maps an Ironclad group to a resource; its externalId goes to the profile. */
export function ironcladGroupResource(group: IroncladGroup): Resource {
  return scimGroupResource(group, { resourceType: groupResourceType, service: 'Ironclad' });
}

/**
 * Lists every group (1000 per request), its `member` entitlement and one grant per inline
 * member (the SCIM kit's group syncer). Grants and revokes go through SCIM PATCH after reading
 * the group: `already-exists` / `already-revoked` when nothing is to change, since Ironclad
 * does not document what a PATCH adding a present member answers.
 */
export function groupSyncer(client: IroncladClient, guard: ProvisioningGuard): ResourceSyncer {
  const { scim } = client;
  return scimGroupSyncer({
    scim,
    service: 'Ironclad',
    pageSize: IRONCLAD_MAX_PAGE_SIZE,
    userResourceType,
    resourceType: groupResourceType,
    schema: ironcladGroupSchema,
    provisioner: scimMembershipProvisioner({ scim, service: 'Ironclad', userResourceType, guard, schema: ironcladGroupSchema }),
  });
}
