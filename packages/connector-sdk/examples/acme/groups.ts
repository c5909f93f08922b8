import { defineResourceType, entitlement, grant, groupResource, offsetPage, resourceId, type ResourceSyncer } from '@c1/connector-sdk';
import type { AcmeClient } from './client.js';
import { userType } from './users.js';

export const groupType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });

export function groupSyncer(client: AcmeClient): ResourceSyncer {
  return {
    resourceType: groupType,
    async list({ pageToken }) {
      const page = await offsetPage(pageToken, { pageSize: 100, fetch: (offset, limit) => client.listGroups(offset, limit) });
      return { ...page, items: page.items.map((g) => groupResource({ type: groupType, id: g.id, displayName: g.name })) };
    },
    // One entitlement per group: `group:<id>:member`.
    async entitlements(group) {
      return {
        items: [
          entitlement({
            resource: group,
            slug: 'member',
            purpose: 'ASSIGNMENT',
            displayName: `${group.displayName} member`,
            grantableTo: [userType],
          }),
        ],
      };
    },
    // One grant per member: `group:<id>:member:user:<userId>`.
    async grants(group, { pageToken }) {
      const page = await offsetPage(pageToken, {
        pageSize: 100,
        fetch: (offset, limit) => client.listGroupMembers(group.id.resource, offset, limit),
      });
      return {
        ...page,
        items: page.items.map((user) =>
          grant({ entitlement: { resource: group, slug: 'member' }, principal: resourceId(userType.id, user.id) }),
        ),
      };
    },
  };
}
