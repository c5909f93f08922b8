import { defineConnector, runValidationProbes, type ConfigValues, type Connector, type ConnectorRuntime } from '@c1/connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { createTeamtailorClient, type TeamtailorClientOptions } from './client.js';
import { TEAMTAILOR_REGION_URLS, teamtailorConfig } from './config.js';
import { userSyncer } from './users.js';

/** The Teamtailor connector's validated settings. */
export type TeamtailorConfig = ConfigValues<typeof teamtailorConfig>;

/** Client settings a caller may override (tests use them to avoid real waits). */
export type TeamtailorClientOverrides = Pick<TeamtailorClientOptions, 'rateLimit' | 'retry' | 'timing'>;

/** Builds the running Teamtailor connector: users only, read only (capabilities SYNC). */
export function createTeamtailorConnector(config: TeamtailorConfig, runtime: ConnectorRuntime, overrides: TeamtailorClientOverrides = {}): Connector {
  const region = config['teamtailor-region'] === 'na' ? 'na' : 'eu';
  const client = createTeamtailorClient({
    ...overrides,
    apiKey: config['teamtailor-api-key'],
    baseUrl: config['teamtailor-base-url'] ?? TEAMTAILOR_REGION_URLS[region],
    userAgent: runtime.http.userAgent,
    timeoutMs: runtime.http.timeoutMs,
    logger: runtime.logger,
  });
  return {
    metadata: {
      displayName: 'Teamtailor',
      description: 'Syncs Teamtailor users with their access role and job title.',
      helpUrl: 'https://docs.teamtailor.com',
    },
    validate: (ctx) =>
      runValidationProbes([{ name: 'list users', run: async () => `GET /users answered with ${(await client.listUsers(undefined, ctx.signal)).users.length} users` }]),
    resourceSyncers: [userSyncer(client)],
  };
}

/** The Teamtailor connector package: `baton-teamtailor`. */
export const teamtailorConnector = defineConnector({
  name: 'teamtailor',
  version: packageJson.version,
  config: teamtailorConfig,
  create: (config, runtime) => createTeamtailorConnector(config, runtime),
});
