import {
  defineConnector,
  runValidationProbes,
  type ConfigValues,
  type Connector,
  type ConnectorRuntime,
  type ValidationCheck,
} from '@c1/connector-sdk';
import { createIlertClient, type IlertClient } from './client.js';
import { ilertConfig, type IlertConfigKey } from './config.js';
import { ilertIdentity } from './identity.js';
import { teamResourceType, teamSyncer } from './teams.js';
import { userResourceType, userSyncer } from './users.js';

/** The ilert connector's validated settings. */
export type IlertConfig = ConfigValues<typeof ilertConfig>;

const metadata = {
  displayName: 'ilert',
  description: "Syncs ilert users, teams and each member's team role.",
  helpUrl: 'https://docs.ilert.com/developer-docs/rest-api',
};

/**
 * Builds the running ilert connector: users and teams, read only (no provisioning, so
 * its capabilities are SYNC only).
 */
export function createIlertConnector(config: IlertConfig, runtime: ConnectorRuntime<IlertConfigKey>): Connector {
  const client = createIlertClient(runtime, config['ilert-api-token'], config['ilert-base-url']);
  return { metadata, validate: () => validateAccess(client), resourceSyncers: [userSyncer(client), teamSyncer(client)] };
}

/** Proves the token can list users and teams, naming the one that failed. */
function validateAccess(client: IlertClient): Promise<ValidationCheck[]> {
  return runValidationProbes([
    { name: 'list users', run: () => client.listUsers(0, 1).then(() => 'GET /users answered') },
    { name: 'list teams', run: () => client.listTeams(0, 1).then(() => 'GET /teams answered') },
  ]);
}

/** The ilert connector package: `baton-ilert`. */
export const ilertConnector = defineConnector({
  ...ilertIdentity,
  declaration: { metadata, resourceTypes: [{ resourceType: userResourceType }, { resourceType: teamResourceType }] },
  create: createIlertConnector,
});
