import { baseUrlCheck, defineConfig } from '@c1/connector-sdk/declare';

/** Teamtailor's API base URL in each region. */
export const TEAMTAILOR_REGION_URLS = { eu: 'https://api.teamtailor.com/v1', na: 'https://api.na.teamtailor.com/v1' } as const;

/** The Teamtailor connector's settings (env `BATON_TEAMTAILOR_*`). */
export const teamtailorConfig = defineConfig({
  fields: {
    'teamtailor-api-key': {
      type: 'string',
      required: true,
      secret: true,
      description: 'Teamtailor API key with Admin scope (read is enough)',
    },
    'teamtailor-region': {
      type: 'string',
      default: 'eu',
      choices: ['eu', 'na'],
      description: 'Region of the Teamtailor account: eu (api.teamtailor.com) or na (api.na.teamtailor.com)',
    },
    'teamtailor-base-url': {
      type: 'string',
      description: 'API base URL override; replaces the region URL',
      check: baseUrlCheck(TEAMTAILOR_REGION_URLS.eu),
    },
  },
});
