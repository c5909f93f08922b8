import { defineConnector, runValidationProbes, type ConfigValues, type Connector, type ConnectorRuntime } from '@c1/connector-sdk';
import { jsonApiPage } from '@c1/connector-sdk/jsonapi';
import { adminKeyAdvice, createTeamtailorHttp, type TeamtailorKey } from './client.js';
import { teamtailorConfig } from './config.js';
import { teamtailorIdentity } from './identity.js';
import { requireAdminScope, userResourceType, usersListing, userSyncer } from './users.js';

/** The Teamtailor connector's validated settings. */
export type TeamtailorConfig = ConfigValues<typeof teamtailorConfig>;

const metadata = {
  displayName: 'Teamtailor',
  description: 'Syncs Teamtailor users with their access role and job title.',
  helpUrl: 'https://docs.teamtailor.com',
};

/** Builds the running Teamtailor connector: users only, read only (capabilities SYNC). */
export function createTeamtailorConnector(config: TeamtailorConfig, runtime: ConnectorRuntime<TeamtailorKey>): Connector {
  const http = createTeamtailorHttp(config, runtime);
  const advice = adminKeyAdvice((key) => runtime.setting(key));
  return {
    metadata,
    validate: () =>
      runValidationProbes([
        {
          name: 'list users',
          run: async () => {
            const page = await jsonApiPage('', usersListing(http));
            for (const user of page.items) requireAdminScope(user, advice);
            return `GET /users answered with ${page.items.length} users`;
          },
        },
      ]),
    resourceSyncers: [userSyncer(http, advice)],
  };
}

/** The Teamtailor connector package: `baton-teamtailor`. */
export const teamtailorConnector = defineConnector({
  ...teamtailorIdentity,
  declaration: { metadata, resourceTypes: [{ resourceType: userResourceType }] },
  create: createTeamtailorConnector,
});
