import {
  defineConnector,
  isConnectorError,
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
async function validateAccess(client: IlertClient, ctx: OperationContext): Promise<ValidationCheck[]> {
  const checks: ValidationCheck[] = [];
  const probes = [
    { name: 'list users', detail: 'GET /users answered', run: () => client.listUsers(0, 1, ctx.signal) },
    { name: 'list teams', detail: 'GET /teams answered', run: () => client.listTeams(0, 1, ctx.signal) },
  ];
  for (const probe of probes) {
    try {
      await probe.run();
    } catch (error) {
      if (!isConnectorError(error)) throw error;
      throw error.withMessage(`cannot ${probe.name}: ${error.message}`);
    }
    checks.push({ name: probe.name, detail: probe.detail });
  }
  return checks;
}

/** The ilert connector package: `baton-ilert`. */
export const ilertConnector = defineConnector({
  name: 'ilert',
  version: packageJson.version,
  config: ilertConfig,
  create: (config, runtime) => createIlertConnector(config, runtime),
});
