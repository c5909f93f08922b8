import { defineConnector } from '@c1/connector-sdk';
import { createAcmeClient } from './client.js';
import { acmeDeclaration } from './declaration.js';
import { groupSyncer } from './groups.js';
import { userSyncer } from './users.js';

export const acmeConnector = defineConnector({
  ...acmeDeclaration,
  create(config, runtime) {
    const client = createAcmeClient(runtime, config['acme-api-key'], config['acme-base-url']);
    return {
      metadata: { displayName: 'Acme Directory' },
      async validate() {
        await client.listUsers(0, 1);
        return [{ name: 'list users' }];
      },
      resourceSyncers: [userSyncer(client), groupSyncer(client)],
    };
  },
});
