import { defineConnector, runValidationProbes, type ConfigValues, type Connector, type ConnectorRuntime } from '@c1/connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { createRudderstackClient } from './client.js';
import { rudderstackConfig } from './config.js';
import { groupSyncer } from './groups.js';
import { userSyncer } from './users.js';

/** The RudderStack connector's validated settings. */
export type RudderstackConfig = ConfigValues<typeof rudderstackConfig>;

/** Builds the running connector: users, groups and memberships over SCIM, read-only. */
export function createRudderstackConnector(config: RudderstackConfig, runtime: ConnectorRuntime): Connector {
  const client = createRudderstackClient({
    baseUrl: config['rudderstack-scim-base-url'],
    token: config['rudderstack-scim-token'],
    userAgent: runtime.http.userAgent,
    timeoutMs: runtime.http.timeoutMs,
  });
  return {
    metadata: {
      displayName: 'RudderStack',
      description: 'Syncs RudderStack SCIM users, groups and group memberships (read-only).',
      helpUrl: 'https://www.rudderstack.com/docs/',
    },
    validate: (ctx) =>
      runValidationProbes(
        (['Users', 'Groups'] as const).map((endpoint) => ({
          name: `list ${endpoint.toLowerCase()}`,
          run: async () => `${(await client.count(endpoint, ctx.signal)) ?? 'some'} ${endpoint.toLowerCase()}`,
        })),
      ),
    resourceSyncers: [userSyncer(client), groupSyncer(client)],
  };
}

/** The RudderStack connector package: `baton-rudderstack`. */
export const rudderstackConnector = defineConnector({
  name: 'rudderstack',
  version: packageJson.version,
  config: rudderstackConfig,
  create: (config, runtime) => createRudderstackConnector(config, runtime),
});
