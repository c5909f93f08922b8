import {
  ConnectorError,
  defineResourceType,
  entitlement,
  grant,
  groupResource,
  isConnectorError,
  resourceId,
  type Entitlement,
  type Grant,
  type JsonObject,
  type OperationContext,
  type Provisioner,
  type Resource,
  type ResourceSyncer,
} from '@c1/connector-sdk';
import type { IroncladClient, IroncladGroup } from './client.js';
import { userResourceType } from './users.js';

/** Ironclad groups: resource type `group` with the GROUP trait. */
export const groupResourceType = defineResourceType({
  id: 'group',
  displayName: 'Group',
  traits: ['GROUP'],
  description: 'An Ironclad group',
});

/** The slug of the membership entitlement every group has. */
export const MEMBER_SLUG = 'member';

/** Maps an Ironclad group to a resource; its externalId goes to the profile. */
export function ironcladGroupResource(group: IroncladGroup): Resource {
  const name = group.displayName?.trim() || `Ironclad group ${group.id}`;
  const profile: JsonObject = { displayName: name };
  if (group.externalId) profile.externalId = group.externalId;
  const created = group.meta?.created ? new Date(group.meta.created) : undefined;
  return groupResource({
    type: groupResourceType,
    id: group.id,
    displayName: name,
    profile,
    ...(created && !Number.isNaN(created.getTime()) && { createdAt: created }),
    group: { profile },
  });
}

/** The user ids among a group's members; members of other types, and members without a `value` (an id), are skipped. */
export function memberUserIds(group: IroncladGroup): string[] {
  const ids: string[] = [];
  for (const member of group.members ?? []) {
    const id = member.value;
    if (id && id.trim() !== '' && (!member.type || member.type.toLowerCase() === 'user')) ids.push(id);
  }
  return ids;
}

/** Guards changes: they run only with `--provisioning`. */
export type ProvisioningGuard = (what: string) => void;

function memberGrant(group: Resource, userId: string): Grant {
  return grant({ entitlement: { resource: group, slug: MEMBER_SLUG }, principal: resourceId(userResourceType.id, userId) });
}

function checkMemberEntitlement(entitlementValue: Entitlement): void {
  if (entitlementValue.slug !== MEMBER_SLUG) {
    throw new ConnectorError(`Ironclad groups have only the "${MEMBER_SLUG}" entitlement, not "${entitlementValue.slug}"`, { code: 'invalid-argument' });
  }
}

/**
 * Grants and revokes group membership with SCIM PATCH. Both read the group first
 * (`GET /Groups/{id}`) and change nothing when the membership already is as asked, reporting
 * `already-exists` / `already-revoked`: Ironclad does not document what a PATCH adding a
 * present member or removing an absent one answers. A revoke on a group that no longer exists
 * is `already-revoked` too.
 */
function membershipProvisioner(client: IroncladClient, guard: ProvisioningGuard): Provisioner {
  return {
    async grant(principal, entitlementValue, ctx: OperationContext) {
      guard('granting group membership');
      checkMemberEntitlement(entitlementValue);
      if (principal.id.resourceType !== userResourceType.id) {
        throw new ConnectorError(`Ironclad group members are users, not ${principal.id.resourceType} resources`, { code: 'invalid-argument' });
      }
      const groupId = entitlementValue.resource.id.resource;
      const userId = principal.id.resource;
      const group = await client.getGroup(groupId, ctx.signal);
      if (memberUserIds(group).includes(userId)) return { outcome: 'already-exists' };
      await client.addGroupMember(groupId, userId, ctx.signal);
      ctx.logger.info('added an Ironclad group member', { group: groupId, user: userId });
      return { outcome: 'granted', grants: [memberGrant(entitlementValue.resource, userId)] };
    },
    async revoke(grantValue, ctx: OperationContext) {
      guard('revoking group membership');
      checkMemberEntitlement(grantValue.entitlement);
      const groupId = grantValue.entitlement.resource.id.resource;
      const userId = grantValue.principal.id.resource;
      let group: IroncladGroup;
      try {
        group = await client.getGroup(groupId, ctx.signal);
      } catch (error) {
        if (!isConnectorError(error, 'not-found')) throw error;
        ctx.logger.warn('the Ironclad group no longer exists; nothing to revoke', { group: groupId, user: userId });
        return { outcome: 'already-revoked' };
      }
      if (!memberUserIds(group).includes(userId)) return { outcome: 'already-revoked' };
      await client.removeGroupMember(groupId, userId, ctx.signal);
      ctx.logger.info('removed an Ironclad group member', { group: groupId, user: userId });
      return { outcome: 'revoked' };
    },
  };
}

/**
 * Lists every group (1000 per request), its `member` entitlement and one grant per member.
 *
 * `GET /Groups` returns members inline, so `list` remembers each group's member ids and
 * `grants` reads them from there: no request per group. Each entry is dropped once its grants
 * are emitted. When a resumed sync asks for the grants of a group listed by an earlier
 * process, the members are not in memory and the group is read once with `GET /Groups/{id}`.
 */
export function groupSyncer(client: IroncladClient, guard: ProvisioningGuard): ResourceSyncer {
  const members = new Map<string, string[]>();
  return {
    resourceType: groupResourceType,
    async list({ pageToken, ctx }) {
      const page = await client.listGroups(pageToken, ctx.signal);
      let withoutId = 0;
      for (const group of page.items) {
        members.set(group.id, memberUserIds(group));
        withoutId += (group.members ?? []).filter((member) => !member.value?.trim()).length;
      }
      if (withoutId > 0) ctx.logger.warn('skipped Ironclad group members without a user id; they get no grant', { count: withoutId });
      return { ...page, items: page.items.map(ironcladGroupResource) };
    },
    async entitlements(group) {
      return {
        items: [
          entitlement({
            resource: group,
            slug: MEMBER_SLUG,
            purpose: 'ASSIGNMENT',
            displayName: `${group.displayName} Member`,
            description: `Member of the Ironclad group ${group.displayName}`,
            grantableTo: [userResourceType],
          }),
        ],
      };
    },
    async grants(group, { ctx }) {
      const groupId = group.id.resource;
      let userIds = members.get(groupId);
      if (!userIds) {
        ctx.logger.debug('group members not in memory (resumed sync), reading the group', { group: groupId });
        userIds = memberUserIds(await client.getGroup(groupId, ctx.signal));
      }
      members.delete(groupId);
      return { items: userIds.map((userId) => memberGrant(group, userId)) };
    },
    provisioner: membershipProvisioner(client, guard),
  };
}
