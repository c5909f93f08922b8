import { defineResourceType, offsetPage, userResource, type ResourceSyncer } from '@c1/connector-sdk';
import type { AcmeClient } from './client.js';

export const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

export function userSyncer(client: AcmeClient): ResourceSyncer {
  return {
    resourceType: userType,
    async list({ pageToken }) {
      // offsetPage turns the opaque page token into an offset and back, and stops on a short page.
      const page = await offsetPage(pageToken, { pageSize: 100, fetch: (offset, limit) => client.listUsers(offset, limit) });
      return {
        ...page,
        items: page.items.map((user) =>
          userResource({
            type: userType,
            id: user.id,
            displayName: user.name,
            user: { emails: [{ address: user.email, isPrimary: true }], login: user.email, status: user.active ? 'ENABLED' : 'DISABLED' },
          }),
        ),
      };
    },
  };
}
