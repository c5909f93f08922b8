import { defineConnector, runValidationProbes, type Connector } from '@c1/connector-sdk';
import { createScalrApi } from './client.js';
import type { ScalrConfig, ScalrRuntime } from './config.js';
import { scalrIdentity } from './identity.js';
import { listMembers, listServiceAccounts, userResourceType, userSyncer } from './users.js';

const metadata = { displayName: 'Scalr', description: 'Syncs the users and service accounts of a Scalr account.' };

/** Builds the running Scalr connector: users and service accounts of one account, read only. */
export function createScalrConnector(config: ScalrConfig, runtime: ScalrRuntime): Connector {
  const api = createScalrApi(config, runtime);
  const probe = (name: string, list: typeof listMembers, path: string) => ({
    name,
    run: async () => (await list(api, '', 1), `${path} answered`),
  });
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
  ...scalrIdentity,
  declaration: { metadata, resourceTypes: [{ resourceType: userResourceType }] },
  create: createScalrConnector,
});
