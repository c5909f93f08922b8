import { defineService } from '../core/registration.js';
import type { ServiceOptionsBase } from '../core/registration.js';
import { seededToken } from '../core/random.js';
import { generateIlertOrg } from './generate.js';
import type { IlertOrg } from './model.js';
import { createIlertService } from './service.js';

/** Options of the fake ilert API. */
export interface IlertSandboxOptions extends ServiceOptionsBase {
  /** Number of users (default 100, at least 1). */
  users?: number;
  /** Number of teams (default 20). */
  teams?: number;
  /** Requests per minute per API key (default 120, ilert's limit); `false` disables the limiter. */
  rateLimitPerMinute?: number | false;
}

/** Connection details and data of the fake ilert API. */
export interface IlertSandbox {
  /** `<url>/ilert/api`, the value for `--ilert-base-url`. */
  readonly baseUrl: string;
  /** Full-access API key (owned by `org.users[0]`, an ADMIN). */
  readonly token: string;
  /** A read-restricted API key: users are readable, `/teams` and writes answer 403. */
  readonly restrictedToken: string;
  /** The served org; member add/remove requests change it in place. */
  readonly org: IlertOrg;
}

/** The fake ilert API. Its CLI flags are the unprefixed `--users`, `--teams` and `--rate-limit`. */
export const ilertRegistration = defineService({
  name: 'ilert',
  create(seed, options: IlertSandboxOptions, clock) {
    const service = createIlertService({
      org: generateIlertOrg({ seed, users: options.users ?? 100, teams: options.teams ?? 20 }),
      token: seededToken(seed, 'ilert-sbx'),
      restrictedToken: seededToken(seed, 'ilert-sbx-readonly'),
      ...(options.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: options.rateLimitPerMinute }),
      ...(clock === undefined ? {} : { clock }),
    });
    return {
      service,
      details: (origin): IlertSandbox => ({
        baseUrl: `${origin}${service.mountPath}`,
        token: service.token,
        restrictedToken: service.restrictedToken,
        org: service.org,
      }),
    };
  },
  cli: {
    flags: [
      { name: 'users', type: 'string', value: 'N', help: 'ilert users (default 100)' },
      { name: 'teams', type: 'string', value: 'N', help: 'ilert teams (default 20)' },
      { name: 'rate-limit', type: 'string', value: 'N', help: "requests per minute per API key (default 120, ilert's limit)" },
    ],
    options(values, common): IlertSandboxOptions {
      if (common.noRateLimit && values.has('rate-limit')) {
        throw new RangeError('use either --rate-limit or --no-rate-limit, not both');
      }
      const users = values.integer('users', 1);
      const teams = values.integer('teams', 0);
      const rateLimit = common.noRateLimit ? false : values.integer('rate-limit', 1);
      return {
        ...(users === undefined ? {} : { users }),
        ...(teams === undefined ? {} : { teams }),
        ...(rateLimit === undefined ? {} : { rateLimitPerMinute: rateLimit }),
      };
    },
    output: (details: IlertSandbox) => ({ baseUrl: details.baseUrl, token: details.token }),
  },
});
