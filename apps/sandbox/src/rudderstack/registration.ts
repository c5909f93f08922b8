import { defineService } from '../core/registration.js';
import type { ServiceOptionsBase } from '../core/registration.js';
import { seededToken } from '../core/random.js';
import { generateRudderstackOrg } from './generate.js';
import type { RudderstackOrg } from './model.js';
import { createRudderstackService } from './service.js';

/** Options of the fake RudderStack SCIM API. */
export interface RudderstackSandboxOptions extends ServiceOptionsBase {
  /** Number of users (default 100, at least 1). */
  users?: number;
  /** Number of groups (default 20). */
  groups?: number;
  /** The server's page cap (default 100): a larger `count` gets this many. */
  maxPageSize?: number;
  /** Leave `totalResults` out of listings (default false). */
  omitTotalResults?: boolean;
  /** `false` answers every request with the "SCIM not enabled" 403 (default true). */
  scimEnabled?: boolean;
}

/** Connection details and data of the fake RudderStack SCIM API. */
export interface RudderstackSandbox {
  /** `<url>/rudderstack/scim/v2`, the value for `--rudderstack-scim-base-url`. */
  readonly baseUrl: string;
  /** The organization-level Service Access Token. */
  readonly token: string;
  /** A workspace-level token, which SCIM refuses with 403. */
  readonly workspaceToken: string;
  /** The served organization. */
  readonly org: RudderstackOrg;
}

/** The fake RudderStack SCIM API; it enforces no rate limit and keeps no clock. */
export const rudderstackRegistration = defineService({
  name: 'rudderstack',
  create(seed, options: RudderstackSandboxOptions) {
    const service = createRudderstackService({
      org: generateRudderstackOrg({ seed, users: options.users ?? 100, groups: options.groups ?? 20 }),
      token: seededToken(seed, 'rudderstack-sat'),
      workspaceToken: seededToken(seed, 'rudderstack-workspace'),
      ...(options.maxPageSize === undefined ? {} : { maxPageSize: options.maxPageSize }),
      ...(options.omitTotalResults === undefined ? {} : { omitTotalResults: options.omitTotalResults }),
      ...(options.scimEnabled === undefined ? {} : { scimEnabled: options.scimEnabled }),
    });
    return {
      service,
      details: (origin): RudderstackSandbox => ({
        baseUrl: `${origin}${service.mountPath}/scim/v2`,
        token: service.token,
        workspaceToken: service.workspaceToken,
        org: service.org,
      }),
    };
  },
  cli: {
    flags: [
      { name: 'rudderstack-users', type: 'string', value: 'N', help: 'RudderStack users (default 100)' },
      { name: 'rudderstack-groups', type: 'string', value: 'N', help: 'RudderStack groups (default 20)' },
      { name: 'rudderstack-max-page-size', type: 'string', value: 'N', help: "RudderStack's page cap (default 100)" },
      { name: 'rudderstack-omit-total-results', type: 'boolean', help: 'RudderStack listings leave totalResults out' },
      { name: 'rudderstack-scim-disabled', type: 'boolean', help: 'RudderStack answers 403 "SCIM is not enabled"' },
    ],
    options(values): RudderstackSandboxOptions {
      const users = values.integer('rudderstack-users', 1);
      const groups = values.integer('rudderstack-groups', 0);
      const maxPageSize = values.integer('rudderstack-max-page-size', 1);
      return {
        ...(users === undefined ? {} : { users }),
        ...(groups === undefined ? {} : { groups }),
        ...(maxPageSize === undefined ? {} : { maxPageSize }),
        ...(values.flag('rudderstack-omit-total-results') ? { omitTotalResults: true } : {}),
        ...(values.flag('rudderstack-scim-disabled') ? { scimEnabled: false } : {}),
      };
    },
    output: (details: RudderstackSandbox) => ({ baseUrl: details.baseUrl, token: details.token, workspaceToken: details.workspaceToken }),
  },
});
