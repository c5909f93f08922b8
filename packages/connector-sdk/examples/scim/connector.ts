import { baseUrlCheck, bearerAuth, defineConfig, defineConnector, provisioningGuard, runValidationProbes } from '@c1/connector-sdk';
import {
  createScimClient,
  scimErrorMessage,
  scimGroupResourceType,
  scimGroupSyncer,
  scimMembershipProvisioner,
  scimUserResourceType,
  scimUserSchema,
  scimUserSyncer,
} from '@c1/connector-sdk/scim';

// A SCIM 2.0 service: users, groups with members inline, and membership grants and revokes.
export const scimConfig = defineConfig({
  fields: {
    'acme-scim-base-url': {
      type: 'string',
      required: true,
      description: 'Acme SCIM base URL, ending in /scim/v2',
      check: (value) =>
        baseUrlCheck('https://acme.example/scim/v2')(value) ?? (/\/scim\/v2\/?$/.test(value) ? undefined : 'must end in /scim/v2'),
    },
    'acme-scim-token': { type: 'string', required: true, secret: true, description: 'Acme SCIM token' },
  },
});

export const acmeScimConnector = defineConnector({
  name: 'acme-scim',
  version: '1.0.0',
  config: scimConfig,
  declaration: {
    metadata: { displayName: 'Acme (SCIM)' },
    resourceTypes: [{ resourceType: scimUserResourceType }, { resourceType: scimGroupResourceType, provisions: true }],
  },
  create(config, runtime) {
    const http = runtime.httpClient({
      service: 'Acme',
      baseUrl: config['acme-scim-base-url'],
      auth: bearerAuth(config['acme-scim-token']),
      credential: { name: 'SCIM token', key: 'acme-scim-token' },
      rateLimit: { requests: 100, intervalMs: 60_000 },
      errorMessage: scimErrorMessage,
      hints: [
        { status: 403, mode: 'replace', message: (f) => `give the token behind ${f.setting('acme-scim-token')} the SCIM admin role` },
      ],
    });
    const scim = createScimClient({ http });
    const guard = provisioningGuard(runtime);
    const memberships = scimMembershipProvisioner({ scim, service: 'Acme', userResourceType: scimUserResourceType, guard });
    return {
      metadata: { displayName: 'Acme (SCIM)' },
      validate: () =>
        runValidationProbes([
          {
            name: 'list users',
            run: async () => `${(await scim.list('Users', { schema: scimUserSchema, count: 1 })).totalResults ?? 0} users`,
          },
        ]),
      resourceSyncers: [
        scimUserSyncer({ scim, pageSize: 100 }),
        scimGroupSyncer({ scim, service: 'Acme', pageSize: 100, provisioner: memberships }),
      ],
    };
  },
});
