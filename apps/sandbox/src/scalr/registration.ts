import { defineService } from '../core/registration.js';
import type { ServiceOptionsBase } from '../core/registration.js';
import { seededToken } from '../core/random.js';
import { generateScalrOrg } from './generate.js';
import type { ScalrOrg } from './model.js';
import { createScalrService } from './service.js';

/** Options of the fake Scalr API. */
export interface ScalrSandboxOptions extends ServiceOptionsBase {
  /** Users of the main account `acme` (default 100, at least 1). */
  users?: number;
  /** Service accounts of the main account (default 10). */
  serviceAccounts?: number;
}

/** Connection details and data of the fake Scalr API. */
export interface ScalrSandbox {
  /** `<url>/scalr/acme`, the value for `--scalr-base-url` (the API is below it at `/api/iacp/v3`). */
  readonly baseUrl: string;
  /** The main account's subdomain, the value for `--scalr-account`. */
  readonly account: string;
  /** Token of the account owner: reads users and service accounts. */
  readonly token: string;
  /** A valid token without permission to read users: every listing answers 404. */
  readonly restrictedToken: string;
  /** The served installation (`accounts[0]` is the main account). */
  readonly org: ScalrOrg;
}

/** The fake Scalr API; it enforces no rate limit and keeps no clock. */
export const scalrRegistration = defineService({
  name: 'scalr',
  create(seed, options: ScalrSandboxOptions) {
    const service = createScalrService({
      org: generateScalrOrg({ seed, users: options.users ?? 100, serviceAccounts: options.serviceAccounts ?? 10 }),
      token: seededToken(seed, 'scalr-sbx'),
      restrictedToken: seededToken(seed, 'scalr-sbx-noiam'),
    });
    return {
      service,
      details: (origin): ScalrSandbox => {
        const account = service.org.accounts[0]?.name ?? '';
        return {
          baseUrl: `${origin}${service.mountPath}/${account}`,
          account,
          token: service.token,
          restrictedToken: service.restrictedToken,
          org: service.org,
        };
      },
    };
  },
  cli: {
    flags: [
      { name: 'scalr-users', type: 'string', value: 'N', help: 'users of the Scalr account acme (default 100)' },
      { name: 'scalr-service-accounts', type: 'string', value: 'N', help: 'service accounts of acme (default 10)' },
    ],
    options(values): ScalrSandboxOptions {
      const users = values.integer('scalr-users', 1);
      const serviceAccounts = values.integer('scalr-service-accounts', 0);
      return { ...(users === undefined ? {} : { users }), ...(serviceAccounts === undefined ? {} : { serviceAccounts }) };
    },
    output: (details: ScalrSandbox) => ({ baseUrl: details.baseUrl, account: details.account, token: details.token }),
  },
});
