import { tokenAuth, type ConfigKey, type ConfigValues, type ConnectorRuntime, type HttpClient } from '@c1/connector-sdk';
import { JSON_API_MEDIA_TYPE, jsonApiErrorMessage, jsonApiResourceSchema } from '@c1/connector-sdk/jsonapi';
import * as v from 'valibot';
import { TEAMTAILOR_REGION_URLS, type teamtailorConfig } from './config.js';

/** The Teamtailor API version this connector is written against, sent as `X-Api-Version` on every request. */
export const TEAMTAILOR_API_VERSION = '20240904';
/** Teamtailor's largest `page[size]`. */
export const TEAMTAILOR_PAGE_SIZE = 30;

/** The connector's config keys. */
export type TeamtailorKey = ConfigKey<typeof teamtailorConfig>;

const text = v.nullish(v.string());

/** A `users` resource object. `login-email` is absent from responses to keys without Admin scope, null before the invitation is accepted. */
export const teamtailorUserSchema = jsonApiResourceSchema({
  type: 'users',
  attributes: { name: text, email: text, 'login-email': v.optional(v.nullable(v.string())), username: text, title: text, role: text },
});

/** A Teamtailor user as listed. */
export type TeamtailorUser = v.InferOutput<typeof teamtailorUserSchema>;

/** What to set when the key lacks Admin scope. */
export const adminKeyAdvice = (setting: (key: TeamtailorKey) => string) =>
  `reading users needs an Admin scope key; set ${setting('teamtailor-api-key')} to a key with Admin scope`;

/**
 * The Teamtailor HTTP client: `Token token=` auth to the region's URL (or the override), the
 * pinned API version, JSON:API errors, and what to check on a 401, 403 or 406.
 */
export function createTeamtailorHttp(config: ConfigValues<typeof teamtailorConfig>, runtime: ConnectorRuntime<TeamtailorKey>): HttpClient {
  const region = config['teamtailor-region'] === 'na' ? 'na' : 'eu';
  return runtime.httpClient({
    service: 'Teamtailor',
    baseUrl: config['teamtailor-base-url'] ?? TEAMTAILOR_REGION_URLS[region],
    auth: tokenAuth(config['teamtailor-api-key']),
    credential: { name: 'API key', key: 'teamtailor-api-key' },
    headers: { accept: JSON_API_MEDIA_TYPE, 'x-api-version': TEAMTAILOR_API_VERSION },
    errorMessage: jsonApiErrorMessage,
    hints: [
      {
        status: 401,
        mode: 'replace',
        message: (f) =>
          `check ${f.setting('teamtailor-api-key')} and ${f.setting('teamtailor-region')}: a key is only valid in its own region`,
      },
      { status: 403, mode: 'replace', message: (f) => adminKeyAdvice(f.setting) },
      {
        status: 406,
        mode: 'replace',
        message: `Teamtailor refused X-Api-Version ${TEAMTAILOR_API_VERSION}, the API version this connector is written for; a connector release for a version Teamtailor accepts is needed`,
      },
    ],
  });
}
