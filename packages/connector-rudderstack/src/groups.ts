import { defineResourceType, entitlement, grant, groupResource, resourceId, type ResourceSyncer, type ScimGroup } from '@c1/connector-sdk';
import type { RudderstackClient } from './client.js';
import { userResourceType } from './users.js';

/** RudderStack SCIM groups: resource type `group` with the GROUP trait. */
export const groupResourceType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'], description: 'A RudderStack SCIM group' });

/** The user ids of a group's members, or undefined when the server left `members` out. */
function memberIds(group: ScimGroup): string[] | undefined {
  if (group.members === undefined || group.members === null) return undefined;
  return group.members.filter((m) => !!m.value?.trim() && (!m.type || m.type.toLowerCase() === 'user')).map((m) => m.value as string);
}

/**
 * Lists groups with a `member` entitlement and one grant per member. Members listed inline are
 * kept from `list` to `grants`; a group listed without `members` (or listed by an earlier,
 * resumed process) is read once with `GET /Groups/{id}`.
 */
export function groupSyncer(client: RudderstackClient): ResourceSyncer {
  const members = new Map<string, string[]>();
  return {
    resourceType: groupResourceType,
    async list({ pageToken, ctx }) {
      const page = await client.listGroups(pageToken, ctx.signal);
      const items = page.items.map((group) => {
        const ids = memberIds(group);
        if (ids) members.set(group.id, ids);
        const name = group.displayName?.trim() || group.id;
        return groupResource({ type: groupResourceType, id: group.id, displayName: name, profile: { displayName: name }, group: {} });
      });
      return { ...page, items };
    },
    async entitlements(group) {
      const items = [
        entitlement({ resource: group, slug: 'member', purpose: 'ASSIGNMENT', displayName: `${group.displayName} Member`, grantableTo: [userResourceType] }),
      ];
      return { items };
    },
    async grants(group, { ctx }) {
      const ids = members.get(group.id.resource) ?? memberIds(await client.getGroup(group.id.resource, ctx.signal)) ?? [];
      members.delete(group.id.resource);
      return { items: ids.map((id) => grant({ entitlement: { resource: group, slug: 'member' }, principal: resourceId(userResourceType.id, id) })) };
    },
  };
}
