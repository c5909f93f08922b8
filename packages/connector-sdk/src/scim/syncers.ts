import type * as v from 'valibot';
import type { Provisioner, ResourceSyncer } from '../connector/contract.js';
import { inlineMembers } from '../kits/memberships.js';
import { defineResourceType, entitlement } from '../model/builders.js';
import type { Resource, ResourceType } from '../model/types.js';
import type { ScimClient } from './client.js';
import { scimGroupResource, scimMemberUserIds, scimUserResource } from './mapping.js';
import { SCIM_MEMBER_SLUG, scimMemberGrant } from './provisioner.js';
import { scimGroupSchema, scimUserSchema, type ScimGroup, type ScimUser } from './schemas.js';

/** The resource type `user` (USER trait) a SCIM connector usually syncs. */
export const scimUserResourceType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

/** The resource type `group` (GROUP trait) a SCIM connector usually syncs. */
export const scimGroupResourceType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });

/** What {@link scimUserSyncer} takes. */
export interface ScimUserSyncerOptions<S extends v.GenericSchema<unknown, ScimUser>> {
  scim: ScimClient;
  /** Items per request (the service's largest page). */
  pageSize: number;
  /** Default {@link scimUserResourceType}. */
  resourceType?: ResourceType;
  /** Validates each user; default `scimUserSchema` (extend it for extensions). */
  schema?: S;
  /** Maps a user; default `scimUserResource`. */
  toResource?: (user: v.InferOutput<S>) => Resource;
  /** The users endpoint. Default `Users`. */
  endpoint?: string;
}

/** Lists every SCIM user, `pageSize` per request (`startIndex`/`count` paging). Users have no entitlements. */
export function scimUserSyncer<S extends v.GenericSchema<unknown, ScimUser> = typeof scimUserSchema>(
  options: ScimUserSyncerOptions<S>,
): ResourceSyncer {
  const resourceType = options.resourceType ?? scimUserResourceType;
  const schema = (options.schema ?? scimUserSchema) as S;
  const toResource = options.toResource ?? ((user: ScimUser) => scimUserResource(user, { resourceType }));
  return {
    resourceType,
    async list({ pageToken }) {
      const page = await options.scim.listPage(options.endpoint ?? 'Users', pageToken, { schema, count: options.pageSize });
      return { ...page, items: page.items.map(toResource) };
    },
  };
}

/** What {@link scimGroupSyncer} takes. */
export interface ScimGroupSyncerOptions<S extends v.GenericSchema<unknown, ScimGroup>> {
  scim: ScimClient;
  /** The service's name, in messages and descriptions: `Ironclad`. */
  service: string;
  /** Items per request (the service's largest page). */
  pageSize: number;
  /** The members' resource type. Default {@link scimUserResourceType}. */
  userResourceType?: ResourceType;
  /** Default {@link scimGroupResourceType}. */
  resourceType?: ResourceType;
  /** Validates each group; default `scimGroupSchema`. */
  schema?: S;
  /** Maps a group; default `scimGroupResource`. */
  toResource?: (group: v.InferOutput<S>) => Resource;
  /** The groups endpoint. Default `Groups`. */
  endpoint?: string;
  /** Grants and revokes membership, e.g. `scimMembershipProvisioner(...)`; none: read only. */
  provisioner?: Provisioner;
}

/**
 * Lists every group (`pageSize` per request), its `member` entitlement and one grant per user
 * member. Members that come inline with `GET /Groups` are remembered in `list` and emitted
 * in `grants` (see `inlineMembers`): no request per group. A group listed without `members`
 * (servers may leave them out), or listed by the process a resumed sync replaced, is read once
 * with `GET /Groups/{id}`. Members without a user id are skipped with one warning per page.
 */
export function scimGroupSyncer<S extends v.GenericSchema<unknown, ScimGroup> = typeof scimGroupSchema>(
  options: ScimGroupSyncerOptions<S>,
): ResourceSyncer {
  const { scim, service } = options;
  const endpoint = options.endpoint ?? 'Groups';
  const resourceType = options.resourceType ?? scimGroupResourceType;
  const userType = options.userResourceType ?? scimUserResourceType;
  const schema = (options.schema ?? scimGroupSchema) as S;
  const toResource = options.toResource ?? ((group: ScimGroup) => scimGroupResource(group, { resourceType, service }));
  const members = inlineMembers<string>();
  return {
    resourceType,
    async list({ pageToken, ctx }) {
      const page = await scim.listPage(endpoint, pageToken, { schema, count: options.pageSize });
      let withoutId = 0;
      for (const group of page.items as ScimGroup[]) {
        // A group listed without `members` (RFC 7644 §3.4.2.5) is read once in `grants`.
        if (group.members !== undefined && group.members !== null) members.remember(group.id, scimMemberUserIds(group));
        withoutId += (group.members ?? []).filter((member) => !member.value?.trim()).length;
      }
      if (withoutId > 0) ctx.logger.warn(`skipped ${service} group members without a user id; they get no grant`, { count: withoutId });
      return { ...page, items: page.items.map(toResource) };
    },
    async entitlements(group) {
      const memberEntitlement = entitlement({
        resource: group,
        slug: SCIM_MEMBER_SLUG,
        purpose: 'ASSIGNMENT',
        displayName: `${group.displayName} Member`,
        description: `Member of the ${service} group ${group.displayName}`,
        grantableTo: [userType],
      });
      return { items: [memberEntitlement] };
    },
    async grants(group, { ctx }) {
      const groupId = group.id.resource;
      const reread = async () => scimMemberUserIds((await scim.get(endpoint, groupId, { schema })) as ScimGroup);
      const userIds = await members.take(groupId, reread, ctx.logger);
      return { items: userIds.map((userId) => scimMemberGrant(group, userType, userId)) };
    },
    ...(options.provisioner && { provisioner: options.provisioner }),
  };
}
