import { defineService } from '../core/registration.js';
import type { ServiceOptionsBase } from '../core/registration.js';
import { seededToken } from '../core/random.js';
import { generateTeamtailorCompany } from './generate.js';
import type { TeamtailorCompany, TeamtailorRegion } from './model.js';
import { createTeamtailorService } from './service.js';

/** Options of the fake Teamtailor API. */
export interface TeamtailorSandboxOptions extends ServiceOptionsBase {
  /** Number of users (default 100, at least 1). */
  users?: number;
  /** Region the company lives in (default `eu`); its keys answer 401 in the other region. */
  region?: TeamtailorRegion;
  /** Requests per window per key (default 50 per 10 s); `false` disables the limiter. */
  rateLimit?: { requests: number; windowSeconds: number } | false;
}

/** Connection details and data of the fake Teamtailor API. */
export interface TeamtailorSandbox {
  /** `<url>/teamtailor/<region>/v1` of the company's region, the value for `--teamtailor-base-url`. */
  readonly baseUrl: string;
  /** Base URLs of both regions; the company's keys answer 401 in the other one. */
  readonly regionUrls: Readonly<Record<TeamtailorRegion, string>>;
  /** An Admin scope API key (sees every user with `login-email`). */
  readonly apiKey: string;
  /** An Internal scope key: users are listed without `login-email`. */
  readonly internalKey: string;
  /** A Public scope key: `/users` answers 403. */
  readonly publicKey: string;
  readonly company: TeamtailorCompany;
}

const REGIONS: readonly TeamtailorRegion[] = ['eu', 'na'];

/** The fake Teamtailor API, both regions under one mount. */
export const teamtailorRegistration = defineService({
  name: 'teamtailor',
  create(seed, options: TeamtailorSandboxOptions, clock) {
    const service = createTeamtailorService({
      company: generateTeamtailorCompany({ seed, users: options.users ?? 100 }),
      region: options.region ?? 'eu',
      keys: { admin: seededToken(seed, 'tt-admin'), internal: seededToken(seed, 'tt-internal'), public: seededToken(seed, 'tt-public') },
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
      ...(clock === undefined ? {} : { clock }),
    });
    return {
      service,
      details: (origin): TeamtailorSandbox => {
        const regionUrl = (region: TeamtailorRegion): string => `${origin}${service.mountPath}/${region}/v1`;
        return {
          baseUrl: regionUrl(service.region),
          regionUrls: { eu: regionUrl('eu'), na: regionUrl('na') },
          apiKey: service.keys.admin,
          internalKey: service.keys.internal,
          publicKey: service.keys.public,
          company: service.company,
        };
      },
    };
  },
  cli: {
    flags: [
      { name: 'teamtailor-users', type: 'string', value: 'N', help: 'Teamtailor users (default 100)' },
      { name: 'teamtailor-region', type: 'string', value: 'eu|na', help: 'region the Teamtailor company lives in: eu (default) or na' },
    ],
    options(values, common): TeamtailorSandboxOptions {
      const users = values.integer('teamtailor-users', 1);
      const region = values.choice('teamtailor-region', REGIONS);
      return {
        ...(users === undefined ? {} : { users }),
        ...(region === undefined ? {} : { region }),
        ...(common.noRateLimit ? { rateLimit: false as const } : {}),
      };
    },
    output: (details: TeamtailorSandbox) => ({ baseUrl: details.baseUrl, apiKey: details.apiKey }),
  },
});
