import type { ConnectorRuntime } from '@c1/connector-sdk';
import { baseUrlCheck, defineConfig, type ConfigKey, type ConfigValues } from '@c1/connector-sdk/declare';

/** Checks `--scalr-account`: the bare subdomain (`acme`); a URL or host name gets the expected form. */
export function accountCheck(value: string): string | undefined {
  if (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(value)) return undefined;
  const host = /^(?:[a-z]+:\/\/)?([^/.:]+)\./i.exec(value)?.[1];
  const hint = host ? ` (for https://${host}.scalr.io use '${host}')` : '';
  return `must be the account's subdomain alone, such as 'acme' for https://acme.scalr.io, not a URL or host name${hint}`;
}

/** The Scalr connector's settings (env `BATON_SCALR_*`). */
export const scalrConfig = defineConfig({
  fields: {
    'scalr-account': {
      type: 'string',
      required: true,
      description: "Scalr account: the subdomain of your Scalr URL ('acme' for https://acme.scalr.io)",
      check: accountCheck,
    },
    'scalr-api-token': { type: 'string', required: true, secret: true, description: "Scalr API token that may read the account's users" },
    'scalr-base-url': {
      type: 'string',
      description: 'API origin for self-hosted Scalr, used instead of https://<account>.scalr.io',
      check: baseUrlCheck('https://scalr.example.com'),
    },
  },
});

/** The Scalr connector's validated settings. */
export type ScalrConfig = ConfigValues<typeof scalrConfig>;
/** The runtime the SDK hands the Scalr connector, typed by its config keys. */
export type ScalrRuntime = ConnectorRuntime<ConfigKey<typeof scalrConfig>>;
