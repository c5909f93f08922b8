import { defineConnector, runValidationProbes, type ConfigValues, type Connector, type ConnectorRuntime } from '@c1/connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { createScalrClient, type ScalrClientOptions } from './client.js';
import { scalrConfig } from './config.js';
import { userSyncer } from './users.js';

/** The Scalr connector's validated settings. */
export type ScalrConfig = ConfigValues<typeof scalrConfig>;

/** Client settings a caller may override (tests use them to avoid real waits). */
export type ScalrClientOverrides = Pick<ScalrClientOptions, 'retry' | 'timing'>;

/** Builds the running Scalr connector: users and service accounts of one account, read only. */
export function createScalrConnector(config: ScalrConfig, runtime: ConnectorRuntime, overrides: ScalrClientOverrides = {}): Connector {
  const client = createScalrClient({
    ...overrides,
    account: config['scalr-account'],
    apiToken: config['scalr-api-token'],
    baseUrl: config['scalr-base-url'],
    userAgent: runtime.http.userAgent,
    timeoutMs: runtime.http.timeoutMs,
    logger: runtime.logger,
  });
  return {
    metadata: { displayName: 'Scalr', description: 'Syncs the IAM users and service accounts of a Scalr account.', helpUrl: 'https://docs.scalr.io/reference' },
    validate: (ctx) =>
      runValidationProbes([
        { name: 'find the account', run: async () => `account ${config['scalr-account']} is ${await client.accountId(ctx.signal)}` },
        { name: 'list users', run: async () => (await client.members(1, 1, ctx.signal), 'GET /account-users answered') },
        { name: 'list service accounts', run: async () => (await client.serviceAccounts(1, 1, ctx.signal), 'GET /service-accounts answered') },
      ]),
    resourceSyncers: [userSyncer(client)],
  };
}

/** The Scalr connector package: `baton-scalr`. */
export const scalrConnector = defineConnector({
  name: 'scalr',
  version: packageJson.version,
  config: scalrConfig,
  create: (config, runtime) => createScalrConnector(config, runtime),
});
