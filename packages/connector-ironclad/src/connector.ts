import {
  ConnectorError,
  defineConnector,
  runValidationProbes,
  type ConfigValues,
  type Connector,
  type ConnectorRuntime,
  type OperationContext,
  type ValidationCheck,
} from '@c1/connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { ironcladAccountManager } from './accounts.js';
import { createIroncladClient, type IroncladClient, type IroncladClientOptions } from './client.js';
import { ironcladBaseUrl, ironcladConfig } from './config.js';
import { groupSyncer, type ProvisioningGuard } from './groups.js';
import { userSyncer } from './users.js';

/** The Ironclad connector's validated settings. */
export type IroncladConfig = ConfigValues<typeof ironcladConfig>;

/** Client settings a caller may override (tests use them to avoid real waits). */
export type IroncladClientOverrides = Pick<IroncladClientOptions, 'rateLimits' | 'retry' | 'timing'>;

/** Refuses changes unless the connector runs with `--provisioning`. */
function provisioningGuard(runtime: ConnectorRuntime): ProvisioningGuard {
  return (what) => {
    if (!runtime.provisioning) {
      throw new ConnectorError(`${what} needs --provisioning / BATON_PROVISIONING=true (it requests the write scopes)`, {
        code: 'failed-precondition',
      });
    }
  };
}

/**
 * Builds the running Ironclad connector: accounts and groups over SCIM, group membership
 * grants and revokes, and account creation. Changes need `--provisioning`, which also asks
 * for the write scopes; accounts are never deleted.
 */
export function createIroncladConnector(config: IroncladConfig, runtime: ConnectorRuntime, overrides: IroncladClientOverrides = {}): Connector {
  const client = createIroncladClient({
    ...overrides,
    baseUrl: ironcladBaseUrl(config),
    clientId: config['ic-client-id'],
    clientSecret: config['ic-client-secret'],
    asUserEmail: config['ic-as-user-email'],
    provisioning: runtime.provisioning,
    userAgent: runtime.http.userAgent,
    timeoutMs: runtime.http.timeoutMs,
    logger: runtime.logger,
  });
  const guard = provisioningGuard(runtime);
  return {
    metadata: {
      displayName: 'Ironclad',
      description: 'Syncs Ironclad accounts, groups and group memberships over SCIM; grants and revokes memberships and creates accounts.',
      helpUrl: 'https://developer.ironcladapp.com',
    },
    validate: (ctx) => validateAccess(client, ctx),
    resourceSyncers: [userSyncer(client), groupSyncer(client, guard)],
    accountManager: ironcladAccountManager(client, guard),
  };
}

/** Proves the client credentials, the acting admin and the read scopes by counting users and groups. */
function validateAccess(client: IroncladClient, ctx: OperationContext): Promise<ValidationCheck[]> {
  const counted = (total: number | undefined, noun: string) => (total === undefined ? `${noun} readable` : `${total} ${noun}`);
  return runValidationProbes([
    { name: 'list users', run: async () => counted(await client.countUsers(ctx.signal), 'users') },
    { name: 'list groups', run: async () => counted(await client.countGroups(ctx.signal), 'groups') },
  ]);
}

/** The Ironclad connector package: `baton-ironclad`. */
export const ironcladConnector = defineConnector({
  name: 'ironclad',
  version: packageJson.version,
  config: ironcladConfig,
  create: (config, runtime) => createIroncladConnector(config, runtime),
});
