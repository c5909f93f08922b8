import { baseUrlCheck, defineConfig } from '@c1/connector-sdk/declare';

/** RudderStack Cloud's SCIM base URL (US). */
export const RUDDERSTACK_SCIM_BASE_URL_EXAMPLE = 'https://api.rudderstack.com/scim/v2';

/** The field check: an http(s) base URL whose path ends in `/scim/v2`. */
function scimBaseUrlCheck(value: string): string | undefined {
  const problem = baseUrlCheck(RUDDERSTACK_SCIM_BASE_URL_EXAMPLE)(value);
  if (problem !== undefined) return problem;
  return /\/scim\/v2\/?$/.test(new URL(value).pathname)
    ? undefined
    : `must be the full SCIM base URL ending in /scim/v2, such as ${RUDDERSTACK_SCIM_BASE_URL_EXAMPLE}`;
}

/** The RudderStack connector's settings, named as on ConductorOne's setup page (env `BATON_RUDDERSTACK_SCIM_*`). */
export const rudderstackConfig = defineConfig({
  fields: {
    'rudderstack-scim-base-url': {
      type: 'string',
      required: true,
      placeholder: 'URL',
      description: `RudderStack SCIM base URL including /scim/v2 (RudderStack Cloud US: ${RUDDERSTACK_SCIM_BASE_URL_EXAMPLE})`,
      check: scimBaseUrlCheck,
    },
    'rudderstack-scim-token': {
      type: 'string',
      required: true,
      secret: true,
      description: 'Organization-level Service Access Token (sent as Authorization: Bearer)',
    },
  },
});
