import { baseUrlCheck, defineConfig } from '@c1/connector-sdk';

/**
 * Checks `--scalr-account`: the bare subdomain (`acme` for `https://acme.scalr.io`). A URL or a
 * host name is refused with the expected form, since that is the usual mistake.
 */
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
    'scalr-api-token': {
      type: 'string',
      required: true,
      secret: true,
      description: 'Scalr API token (a personal or service-account token allowed to read users in the account)',
    },
    'scalr-base-url': {
      type: 'string',
      description: 'API origin for self-hosted Scalr, used instead of https://<account>.scalr.io',
      check: baseUrlCheck('https://scalr.example.com'),
    },
  },
});
