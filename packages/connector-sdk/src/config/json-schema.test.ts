import { describe, expect, it } from 'vitest';
import { defineConfig } from './fields.js';
import { configJsonSchema } from './json-schema.js';
import { mergeSchemas } from './merge.js';
import { SDK_CONFIG } from './sdk-config.js';

const connector = defineConfig({
  fields: {
    'scalr-api-token': { type: 'string', secret: true, required: true, default: 'never-shown-default', description: 'Token' },
    'scalr-account': { type: 'string', required: true, description: 'Account subdomain' },
  },
});
const document = configJsonSchema(mergeSchemas(SDK_CONFIG, connector), { title: 'baton-scalr' });
const properties = document.properties as Record<string, Record<string, unknown>>;

describe('configJsonSchema', () => {
  it('describes each setting with its type, env var, default and constraints', () => {
    expect(document).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'baton-scalr',
      type: 'object',
      required: ['scalr-api-token', 'scalr-account'],
      additionalProperties: false,
    });
    expect(properties['http-timeout-seconds']).toEqual({
      description: 'Timeout of each HTTP request to the service',
      type: 'integer',
      minimum: 1,
      maximum: 1800,
      default: 300,
      'x-env': 'BATON_HTTP_TIMEOUT_SECONDS',
    });
    expect(properties['log-level']).toMatchObject({ type: 'string', enum: ['debug', 'info', 'warn', 'error'], default: 'info' });
    expect(properties['sync-resource-types']).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(properties.provisioning).toMatchObject({ type: 'boolean', 'x-short': 'p' });
    expect(properties['create-account-resource-type']).toMatchObject({ 'x-hidden': true });
  });

  it('marks secrets write-only and never includes their defaults', () => {
    expect(properties['scalr-api-token']).toEqual({
      description: 'Token',
      type: 'string',
      'x-env': 'BATON_SCALR_API_TOKEN',
      'x-secret': true,
      writeOnly: true,
    });
    expect(JSON.stringify(document)).not.toContain('never-shown-default');
  });

  it('leaves out command-line switches', () => {
    expect(properties.config).toBeUndefined();
    expect(properties.help).toBeUndefined();
    expect(properties.version).toBeUndefined();
  });

  it('expresses relationships', () => {
    expect(document.dependentRequired).toMatchObject({
      'grant-entitlement': ['grant-principal', 'grant-principal-type'],
      'grant-principal-type': ['grant-entitlement', 'grant-principal'],
    });
    expect(document.allOf).toContainEqual({ not: { required: ['grant-entitlement', 'revoke-grant'] } });
    expect(document.allOf).toContainEqual({ not: { required: ['revoke-grant', 'create-account-email'] } });
    expect(document.allOf).not.toContainEqual({ not: { required: ['create-account-login', 'create-account-email'] } });
  });
});
