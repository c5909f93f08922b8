import { baseUrlCheck, defineConfig, type ConfigKey } from '@c1/connector-sdk/declare';

/** The default ilert API base URL. */
export const ILERT_DEFAULT_BASE_URL = 'https://api.ilert.com/api';

/** The ilert connector's settings: `--ilert-api-token` and `--ilert-base-url` (env `BATON_ILERT_*`). */
export const ilertConfig = defineConfig({
  fields: {
    'ilert-api-token': {
      type: 'string',
      required: true,
      secret: true,
      description: 'ilert API key, created by an admin (an organization-wide key sees every user and team)',
    },
    'ilert-base-url': {
      type: 'string',
      default: ILERT_DEFAULT_BASE_URL,
      description: 'ilert API base URL; only needed for a non-default ilert instance',
      check: baseUrlCheck('https://api.ilert.com/api'),
    },
  },
});

/** The ilert connector's config keys. */
export type IlertConfigKey = ConfigKey<typeof ilertConfig>;
