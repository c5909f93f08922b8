import { defineConnector } from '@c1/connector-sdk';
import { createAcmeClient } from './client.js';
import { acmeConfig } from './config.js';
import { groupSyncer } from './groups.js';
import { userSyncer } from './users.js';

export const acmeConnector = defineConnector({
  name: 'acme', // the binary is baton-acme
  version: '1.0.0',
  config: acmeConfig,
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
