// The declare subpath holds config builders and nothing else, so --help loads no more than this.
import { defineConfig, type ConfigKey } from '@c1/connector-sdk/declare';

// Each field becomes a flag (--acme-api-key), an env var (BATON_ACME_API_KEY) and a config-file key.
export const acmeConfig = defineConfig({
  fields: {
    'acme-api-key': { type: 'string', required: true, secret: true, description: 'Acme API key' },
    'acme-base-url': { type: 'string', default: 'https://api.acme.example/v1', description: 'Acme API base URL' },
  },
});

// The config's keys, so the runtime can check which setting a credential names.
export type AcmeConfigKey = ConfigKey<typeof acmeConfig>;
