import { bearerAuth, defineConnector, runValidationProbes, type ConfigKey, type ConnectorHint } from '@c1/connector-sdk';
import {
  createScimClient,
  scimErrorMessage,
  scimGroupResourceType,
  scimGroupSyncer,
  scimUserResourceType,
  scimUserSchema,
  scimUserSyncer,
} from '@c1/connector-sdk/scim';
import { rudderstackConfig } from './config.js';
import { rudderstackIdentity } from './identity.js';

/** The `count` asked for; a server may serve fewer (RFC 7644 §3.4.2.4), and paging advances by what came. */
export const RUDDERSTACK_PAGE_SIZE = 1000;

type Key = ConfigKey<typeof rudderstackConfig>;

const tokenHint = (status: 401 | 403): ConnectorHint<Key> => ({
  status,
  mode: 'replace',
  message: (f) =>
    `needs an organization-level Service Access Token (not a workspace token or personal access token) in ${f.setting('rudderstack-scim-token')}`,
});

/** What the operator should check for the failures RudderStack's setup page warns about; the first match applies. */
export const RUDDERSTACK_HINTS: readonly ConnectorHint<Key>[] = [
  {
    status: 403,
    apiMessage: /not enabled|plan|enterprise/i,
    mode: 'replace',
    message: 'SCIM needs the Enterprise plan with SSO; ask RudderStack to enable it',
  },
  tokenHint(401),
  tokenHint(403),
  { status: 404, path: '/Users', mode: 'replace', message: (f) => `check ${f.setting('rudderstack-scim-base-url')}` },
];

const metadata = {
  displayName: 'RudderStack',
  description: 'Syncs RudderStack SCIM users, groups and group memberships (read-only).',
  helpUrl: 'https://www.rudderstack.com/docs/',
};

/**
 * The RudderStack connector package, `baton-rudderstack`: SCIM users, groups and memberships,
 * read-only (no provisioner, no account manager). Members come inline from `/Groups`; a group
 * listed without them is read once with `GET /Groups/{id}`.
 */
export const rudderstackConnector = defineConnector({
  ...rudderstackIdentity,
  declaration: { metadata, resourceTypes: [{ resourceType: scimUserResourceType }, { resourceType: scimGroupResourceType }] },
  create(config, runtime) {
    const http = runtime.httpClient({
      service: 'RudderStack',
      baseUrl: config['rudderstack-scim-base-url'].replace(/\/+$/, ''),
      auth: bearerAuth(config['rudderstack-scim-token']),
      credential: { name: 'SCIM token', key: 'rudderstack-scim-token' },
      errorMessage: scimErrorMessage,
      hints: RUDDERSTACK_HINTS,
    });
    const scim = createScimClient({ http });
    const probe = (endpoint: 'Users' | 'Groups') => ({
      name: `list ${endpoint.toLowerCase()}`,
      run: async () =>
        `${(await scim.list(endpoint, { schema: scimUserSchema, startIndex: 1, count: 1 })).totalResults ?? 'some'} ${endpoint.toLowerCase()}`,
    });
    return {
      metadata,
      validate: () => runValidationProbes([probe('Users'), probe('Groups')]),
      resourceSyncers: [
        scimUserSyncer({ scim, pageSize: RUDDERSTACK_PAGE_SIZE }),
        scimGroupSyncer({ scim, service: 'RudderStack', pageSize: RUDDERSTACK_PAGE_SIZE }),
      ],
    };
  },
});
