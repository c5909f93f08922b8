import { defineConnector, runValidationProbes, type Connector } from '@c1/connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { createScalrApi } from './client.js';
import { scalrConfig, type ScalrConfig, type ScalrRuntime } from './config.js';
import { listMembers, listServiceAccounts, userResourceType, userSyncer } from './users.js';

const metadata = { displayName: 'Scalr', description: 'Syncs the users and service accounts of a Scalr account.' };

/** Builds the running Scalr connector: users and service accounts of one account, read only. */
export function createScalrConnector(config: ScalrConfig, runtime: ScalrRuntime): Connector {
  const api = createScalrApi(config, runtime);
  const probe = (name: string, list: typeof listMembers, path: string) => ({ name, run: async () => (await list(api, '', 1), `${path} answered`) });
  return {
    metadata,
    validate: () =>
      runValidationProbes([
        { name: 'find the account', run: async () => `account ${config['scalr-account']} is ${await api.accountId()}` },
        probe('list users', listMembers, 'GET /account-users'),
        probe('list service accounts', listServiceAccounts, 'GET /service-accounts'),
      ]),
    resourceSyncers: [userSyncer(api)],
  };
}

/** The Scalr connector package: `baton-scalr`. */
export const scalrConnector = defineConnector({
  name: 'scalr',
  version: packageJson.version,
  config: scalrConfig,
  declaration: { metadata, resourceTypes: [{ resourceType: userResourceType }] },
  create: createScalrConnector,
});
