import { describe, expectTypeOf, it } from 'vitest';
import { defineConfig } from '../config/fields.js';
import { defineResourceType } from '../model/builders.js';
import { defineConnector } from './contract.js';

const config = defineConfig({
  fields: {
    'demo-api-token': { type: 'string', description: 'API token', required: true, secret: true },
    'demo-region': { type: 'string', description: 'Region', choices: ['eu', 'na'], default: 'eu' },
    'demo-page-size': { type: 'integer', min: 1, max: 500, description: 'Page size' },
  },
});
defineConfig({
  // @ts-expect-error an integer field needs its range (min and max)
  fields: { 'demo-limit': { type: 'integer', description: 'Limit' } },
});
defineConfig({
  fields: { 'demo-user': { type: 'string', description: 'User' } },
  // @ts-expect-error a relationship may only name declared fields
  requiredTogether: [['demo-user', 'demo-password']],
});
const user = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

// Type-level tests (vitest typecheck, and `tsc --noEmit`): each @ts-expect-error fails if the
// misuse below it ever compiles.
describe('defineConnector', () => {
  it('types config values from the declared fields', () => {
    const definition = defineConnector({
      name: 'demo',
      version: '1.0.0',
      config,
      declaration: { metadata: { displayName: 'Demo' }, resourceTypes: [{ resourceType: user }] },
      create(values) {
        const token: string = values['demo-api-token'];
        const region: 'eu' | 'na' = values['demo-region'];
        // @ts-expect-error an optional field without default may be undefined
        const pageSize: number = values['demo-page-size'];
        // @ts-expect-error undeclared fields do not exist
        void values['demo-missing'];
        void [token, region, pageSize];
        return {
          metadata: { displayName: 'Demo' },
          validate: async () => [{ name: 'token' }],
          resourceSyncers: [{ resourceType: user, list: async () => ({ items: [] }) }],
        };
      },
    });
    expectTypeOf(definition.config.fields).toHaveProperty('demo-region');
  });

  it('hands create a runtime typed by the config keys', () => {
    defineConnector({
      name: 'keys',
      version: '1.0.0',
      config,
      declaration: { metadata: { displayName: 'Keys' }, resourceTypes: [] },
      create(_values, runtime) {
        runtime.httpClient({ service: 'Demo', baseUrl: 'https://demo.test', credential: { name: 'API token', key: 'demo-api-token' } });
        // @ts-expect-error a credential names a declared config key
        runtime.httpClient({ service: 'Demo', baseUrl: 'https://demo.test', credential: { name: 'API token', key: 'demo-token' } });
        runtime.httpClient({
          service: 'Demo',
          baseUrl: 'https://demo.test',
          // @ts-expect-error a hint names declared config keys only
          hints: [{ status: 403, message: (f) => f.setting('demo-secret') }],
        });
        expectTypeOf(runtime.setting).parameter(0).toEqualTypeOf<'demo-api-token' | 'demo-region' | 'demo-page-size'>();
        return { metadata: { displayName: 'Keys' }, validate: async () => [], resourceSyncers: [] };
      },
    });
  });

  it('rejects a syncer without list and a provisioner with a wrong outcome', () => {
    defineConnector({
      name: 'bad',
      version: '1.0.0',
      config,
      declaration: { metadata: { displayName: 'Bad' }, resourceTypes: [] },
      create: () => ({
        metadata: { displayName: 'Bad' },
        validate: async () => [],
        resourceSyncers: [
          // @ts-expect-error list is required
          { resourceType: user },
          {
            resourceType: user,
            list: async () => ({ items: [] }),
            provisioner: {
              // @ts-expect-error 'done' is not a grant outcome
              grant: async () => ({ outcome: 'done' }),
              revoke: async () => ({ outcome: 'revoked' }),
            },
          },
        ],
      }),
    });
  });
});
