import { defineService } from '../core/registration.js';
import type { ServiceOptionsBase } from '../core/registration.js';
import { seededToken } from '../core/random.js';
import { generateIroncladOrg } from './generate.js';
import type { IroncladOrg } from './model.js';
import { createIroncladService } from './service.js';

/** Options of the fake Ironclad API. */
export interface IroncladSandboxOptions extends ServiceOptionsBase {
  /** Number of users (default 100, at least 1; user 0 is the admin the API acts as). */
  users?: number;
  /** Number of groups (default 20). */
  groups?: number;
  /** A SAML company: `POST /Users` needs no password (default false). */
  saml?: boolean;
  /** `expires_in` of issued tokens in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** `false` turns off Ironclad's limits (600/min reads, 50/min user changes). */
  rateLimits?: false;
}

/** Connection details and data of the fake Ironclad API. */
export interface IroncladSandbox {
  /** `<url>/ironclad`, the value for `--ic-base-url` (token at `/oauth/token`, SCIM at `/scim/v2`). */
  readonly baseUrl: string;
  /** The OAuth client (client credentials grant). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** An admin's email, the value for `--ic-as-user-email`. */
  readonly asUserEmail: string;
  /** The served company; user creation and membership changes alter it in place. */
  readonly org: IroncladOrg;
}

/** The fake Ironclad API. */
export const ironcladRegistration = defineService({
  name: 'ironclad',
  create(seed, options: IroncladSandboxOptions, clock) {
    const service = createIroncladService({
      org: generateIroncladOrg({
        seed,
        users: options.users ?? 100,
        groups: options.groups ?? 20,
        ...(options.saml === undefined ? {} : { saml: options.saml }),
      }),
      clientId: seededToken(seed, 'ironclad-client'),
      clientSecret: seededToken(seed, 'ironclad-secret'),
      ...(options.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
      ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
      ...(clock === undefined ? {} : { clock }),
    });
    return {
      service,
      details: (origin): IroncladSandbox => ({
        baseUrl: `${origin}${service.mountPath}`,
        clientId: service.clientId,
        clientSecret: service.clientSecret,
        asUserEmail: service.asUserEmail,
        org: service.org,
      }),
    };
  },
  cli: {
    flags: [
      { name: 'ironclad-users', type: 'string', value: 'N', help: 'Ironclad users (default 100)' },
      { name: 'ironclad-groups', type: 'string', value: 'N', help: 'Ironclad groups (default 20)' },
      { name: 'ironclad-saml', type: 'boolean', help: 'the Ironclad company uses SAML: new users need no password' },
    ],
    options(values, common): IroncladSandboxOptions {
      const users = values.integer('ironclad-users', 1);
      const groups = values.integer('ironclad-groups', 0);
      return {
        ...(users === undefined ? {} : { users }),
        ...(groups === undefined ? {} : { groups }),
        ...(values.flag('ironclad-saml') ? { saml: true } : {}),
        ...(common.noRateLimit ? { rateLimits: false as const } : {}),
      };
    },
    output: (details: IroncladSandbox) => ({
      baseUrl: details.baseUrl,
      clientId: details.clientId,
      clientSecret: details.clientSecret,
      asUserEmail: details.asUserEmail,
    }),
  },
});
