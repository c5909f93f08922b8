import { baseUrlCheck, defineConfig, type ConfigKey } from '@c1/connector-sdk/declare';

/** Ironclad's environments: North America, Europe and the demo instance. */
export const IRONCLAD_ENVIRONMENTS = ['na1', 'eu1', 'demo'] as const;

/** One of {@link IRONCLAD_ENVIRONMENTS}. */
export type IroncladEnvironment = (typeof IRONCLAD_ENVIRONMENTS)[number];

/** The origin of an environment: `https://na1.ironcladapp.com`. */
export function environmentOrigin(environment: IroncladEnvironment): string {
  return `https://${environment}.ironcladapp.com`;
}

/**
 * The Ironclad connector's settings (env `BATON_` + upper snake case): the OAuth client, the
 * admin the requests act as, and where Ironclad lives. `--provisioning` comes from the SDK.
 */
export const ironcladConfig = defineConfig({
  fields: {
    'ic-client-id': { type: 'string', required: true, description: 'Client ID of the Ironclad OAuth app (client credentials grant)' },
    'ic-client-secret': { type: 'string', required: true, secret: true, description: 'Client secret of the Ironclad OAuth app' },
    'ic-as-user-email': {
      type: 'string',
      required: true,
      placeholder: 'EMAIL',
      description: 'Email of the Ironclad admin every request acts as (sent as x-as-user-email)',
      check: (value) => (/^[^\s@]+@[^\s@]+$/.test(value.trim()) ? undefined : 'must be an email address'),
    },
    environment: {
      type: 'string',
      choices: IRONCLAD_ENVIRONMENTS,
      default: 'na1',
      description: 'Ironclad environment: na1 (North America), eu1 (Europe) or demo',
    },
    'ic-base-url': {
      type: 'string',
      placeholder: 'URL',
      description: 'Ironclad origin, overriding --environment (token at <url>/oauth/token, SCIM at <url>/scim/v2)',
      check: baseUrlCheck('https://na1.ironcladapp.com'),
    },
  },
});

/** The Ironclad connector's config keys. */
export type IroncladConfigKey = ConfigKey<typeof ironcladConfig>;

/** The Ironclad origin (and path prefix) the connector talks to, without a trailing slash. */
export function ironcladBaseUrl(config: { environment: IroncladEnvironment; 'ic-base-url'?: string }): string {
  return (config['ic-base-url'] ?? environmentOrigin(config.environment)).replace(/\/+$/, '');
}
