import { defineConnector } from '@c1/connector-sdk';
import { createAcmeClient } from './client.js';
import { acmeConfig } from './config.js';
import { groupSyncer, groupType } from './groups.js';
import { userSyncer, userType } from './users.js';

const metadata = { displayName: 'Acme Directory' };

export const acmeConnector = defineConnector({
  name: 'acme', // the binary is baton-acme
  version: '1.0.0',
  config: acmeConfig,
  // What `capabilities` prints without credentials; the SDK checks create() builds the same.
  declaration: { metadata, resourceTypes: [{ resourceType: userType }, { resourceType: groupType }] },
  create(config, runtime) {
    const client = createAcmeClient(runtime, config['acme-api-key'], config['acme-base-url']);
    return {
      metadata,
      async validate() {
        await client.listUsers(0, 1);
        return [{ name: 'list users' }];
      },
      resourceSyncers: [userSyncer(client), groupSyncer(client)],
    };
  },
});
