import {
  defineConnector,
  provisioningGuard,
  runValidationProbes,
  type ConfigValues,
  type Connector,
  type ConnectorRuntime,
} from '@c1/connector-sdk';
import { IRONCLAD_ACCOUNT_CREATION, ironcladAccountManager } from './accounts.js';
import { createIroncladClient } from './client.js';
import { ironcladBaseUrl, ironcladConfig, type IroncladConfigKey } from './config.js';
import { ironcladIdentity } from './identity.js';
import { groupResourceType, groupSyncer } from './groups.js';
import { userResourceType, userSyncer } from './users.js';

/** The Ironclad connector's validated settings. */
export type IroncladConfig = ConfigValues<typeof ironcladConfig>;

const metadata = {
  displayName: 'Ironclad',
  description: 'Syncs Ironclad accounts, groups and group memberships over SCIM; grants and revokes memberships and creates accounts.',
  helpUrl: 'https://developer.ironcladapp.com',
};

const counted = (total: number | undefined, noun: string) => (total === undefined ? `${noun} readable` : `${total} ${noun}`);

/**
 * Builds the running Ironclad connector: accounts and groups over SCIM, group membership
 * grants and revokes, and account creation. Changes need `--provisioning`, which also asks
 * for the write scopes; accounts are never deleted. `validate` proves the client credentials,
 * the acting admin and the read scopes by counting users and groups.
 */
export function createIroncladConnector(config: IroncladConfig, runtime: ConnectorRuntime<IroncladConfigKey>): Connector {
  const client = createIroncladClient(runtime, {
    baseUrl: ironcladBaseUrl(config),
    clientId: config['ic-client-id'],
    clientSecret: config['ic-client-secret'],
    asUserEmail: config['ic-as-user-email'],
  });
  const guard = provisioningGuard(runtime, 'it requests the write scopes');
  return {
    metadata,
    validate: () =>
      runValidationProbes([
        { name: 'list users', run: async () => counted(await client.countUsers(), 'users') },
        { name: 'list groups', run: async () => counted(await client.countGroups(), 'groups') },
      ]),
    resourceSyncers: [userSyncer(client), groupSyncer(client, guard)],
    accountManager: ironcladAccountManager(client, guard),
  };
}

/** The Ironclad connector package: `baton-ironclad`. */
export const ironcladConnector = defineConnector({
  ...ironcladIdentity,
  // Static, so `capabilities` needs no credentials: create() reads the config to build its client.
  declaration: {
    metadata,
    resourceTypes: [{ resourceType: userResourceType }, { resourceType: groupResourceType, provisions: true }],
    accountCreation: IRONCLAD_ACCOUNT_CREATION,
  },
  create: createIroncladConnector,
});
