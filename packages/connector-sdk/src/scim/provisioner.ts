import type { OperationContext, Provisioner } from '../connector/contract.js';
import { ConnectorError, isConnectorError } from '../errors/connector-error.js';
import type { ProvisioningGuard } from '../kits/provisioning.js';
import { grant } from '../model/builders.js';
import { resourceId } from '../model/ids.js';
import type { Entitlement, Grant, Resource, ResourceType } from '../model/types.js';
import type { ScimClient, ScimPatchOperation } from './client.js';
import { scimMemberUserIds } from './mapping.js';
import { scimGroupSchema, type ScimGroup } from './schemas.js';
import type * as v from 'valibot';

/** The slug of the membership entitlement every SCIM group has. */
export const SCIM_MEMBER_SLUG = 'member';

/** The PATCH operations that add or remove one member: `members` with a value array, as most services take. */
export function scimMemberPatch(op: 'add' | 'remove', userId: string): ScimPatchOperation[] {
  return [{ op, path: 'members', value: [{ value: userId }] }];
}

/** What {@link scimMembershipProvisioner} takes. */
export interface ScimMembershipOptions<S extends v.GenericSchema<unknown, ScimGroup> = typeof scimGroupSchema> {
  scim: ScimClient;
  /** The service's name, in messages: `Ironclad`. */
  service: string;
  /** The resource type of members (users). */
  userResourceType: ResourceType;
  /** Refuses changes without `--provisioning` (see `provisioningGuard`). */
  guard: ProvisioningGuard;
  /** Validates a group read back; default `scimGroupSchema`. */
  schema?: S;
  /** The groups endpoint. Default `Groups`. */
  endpoint?: string;
  /** The PATCH operations for one change; default {@link scimMemberPatch}. */
  patch?: (op: 'add' | 'remove', userId: string) => ScimPatchOperation[];
}

/** The grant of a group's `member` entitlement to a user. */
export function scimMemberGrant(group: Resource, userType: ResourceType, userId: string): Grant {
  return grant({ entitlement: { resource: group, slug: SCIM_MEMBER_SLUG }, principal: resourceId(userType.id, userId) });
}

function checkMemberEntitlement(service: string, entitlement: Entitlement): void {
  if (entitlement.slug === SCIM_MEMBER_SLUG) return;
  throw new ConnectorError(`${service} groups have only the "${SCIM_MEMBER_SLUG}" entitlement, not "${entitlement.slug}"`, {
    code: 'invalid-argument',
  });
}

/**
 * Grants and revokes group membership with SCIM PATCH. Both read the group first and change
 * nothing when the membership already is as asked (`already-exists` / `already-revoked`),
 * since services differ in what a PATCH adding a present member answers. A revoke on a group
 * that no longer exists is `already-revoked` too.
 */
export function scimMembershipProvisioner<S extends v.GenericSchema<unknown, ScimGroup>>(options: ScimMembershipOptions<S>): Provisioner {
  const { scim, service, userResourceType, guard } = options;
  const endpoint = options.endpoint ?? 'Groups';
  const schema = options.schema ?? scimGroupSchema;
  const patch = options.patch ?? scimMemberPatch;
  const readGroup = (id: string): Promise<ScimGroup> => scim.get(endpoint, id, { schema });
  const change = (op: 'add' | 'remove', groupId: string, userId: string) => scim.patch(endpoint, groupId, patch(op, userId));
  return {
    async grant(principal, entitlement, ctx: OperationContext) {
      guard('granting group membership');
      checkMemberEntitlement(service, entitlement);
      if (principal.id.resourceType !== userResourceType.id) {
        throw new ConnectorError(`${service} group members are users, not ${principal.id.resourceType} resources`, {
          code: 'invalid-argument',
        });
      }
      const groupId = entitlement.resource.id.resource;
      const userId = principal.id.resource;
      if (scimMemberUserIds(await readGroup(groupId)).includes(userId)) return { outcome: 'already-exists' };
      await change('add', groupId, userId);
      ctx.logger.info('added a group member', { service, group: groupId, user: userId });
      return { outcome: 'granted', grants: [scimMemberGrant(entitlement.resource, userResourceType, userId)] };
    },
    async revoke(grantValue, ctx: OperationContext) {
      guard('revoking group membership');
      checkMemberEntitlement(service, grantValue.entitlement);
      const groupId = grantValue.entitlement.resource.id.resource;
      const userId = grantValue.principal.id.resource;
      let group: ScimGroup;
      try {
        group = await readGroup(groupId);
      } catch (error) {
        if (!isConnectorError(error, 'not-found')) throw error;
        ctx.logger.warn(`the ${service} group no longer exists; nothing to revoke`, { group: groupId, user: userId });
        return { outcome: 'already-revoked' };
      }
      if (!scimMemberUserIds(group).includes(userId)) return { outcome: 'already-revoked' };
      await change('remove', groupId, userId);
      ctx.logger.info('removed a group member', { service, group: groupId, user: userId });
      return { outcome: 'revoked' };
    },
  };
}
