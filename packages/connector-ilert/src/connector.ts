import {
  defineConnector,
  runValidationProbes,
  type ConfigValues,
  type Connector,
  type ConnectorRuntime,
  type OperationContext,
  type ValidationCheck,
} from '@c1/connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { createIlertClient, type IlertClient, type IlertClientOptions } from './client.js';
import { ilertConfig } from './config.js';
import { teamSyncer } from './teams.js';
import { userSyncer } from './users.js';

/** The ilert connector's validated settings. */
export type IlertConfig = ConfigValues<typeof ilertConfig>;

/** Client settings a caller may override (tests use them to avoid real waits). */
export type IlertClientOverrides = Pick<IlertClientOptions, 'rateLimit' | 'retry' | 'timing'>;

/**
 * Builds the running ilert connector: users and teams, read only (no provisioning, so
 * its capabilities are SYNC only).
 */
export function createIlertConnector(
  config: IlertConfig,
  runtime: ConnectorRuntime,
  overrides: IlertClientOverrides = {},
): Connector {
  const client = createIlertClient({
    ...overrides,
    apiToken: config['ilert-api-token'],
    baseUrl: config['ilert-base-url'],
    userAgent: runtime.http.userAgent,
    timeoutMs: runtime.http.timeoutMs,
    logger: runtime.logger,
  });
  return {
    metadata: {
      displayName: 'ilert',
      description: 'Syncs ilert users, teams and each member\'s team role.',
      helpUrl: 'https://docs.ilert.com/developer-docs/rest-api',
    },
    validate: (ctx) => validateAccess(client, ctx),
    resourceSyncers: [userSyncer(client), teamSyncer(client)],
  };
}

/** Proves the token can list users and teams, naming the one that failed. */
function validateAccess(client: IlertClient, ctx: OperationContext): Promise<ValidationCheck[]> {
  return runValidationProbes([
    {
      name: 'list users',
      run: async () => {
        await client.listUsers(0, 1, ctx.signal);
        return 'GET /users answered';
      },
    },
    {
      name: 'list teams',
      run: async () => {
        await client.listTeams(0, 1, ctx.signal);
        return 'GET /teams answered';
      },
    },
  ]);
}

/** The ilert connector package: `baton-ilert`. */
export const ilertConnector = defineConnector({
  name: 'ilert',
  version: packageJson.version,
  config: ilertConfig,
  create: (config, runtime) => createIlertConnector(config, runtime),
});
