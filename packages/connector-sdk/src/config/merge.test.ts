import { describe, expect, it } from 'vitest';
import { defineConfig } from './fields.js';
import { mergeSchemas } from './merge.js';
import { resolveConfig } from './resolve.js';
import { SDK_CONFIG } from './sdk-config.js';

describe('mergeSchemas', () => {
  it('combines fields and relationships', () => {
    const connector = defineConfig({
      fields: {
        'ic-client-id': { type: 'string', description: 'id' },
        'ic-client-secret': { type: 'string', secret: true, description: 'secret' },
      },
      requiredTogether: [['ic-client-id', 'ic-client-secret']],
    });
    const merged = mergeSchemas(SDK_CONFIG, connector);
    expect(Object.keys(merged.fields)).toEqual([...Object.keys(SDK_CONFIG.fields), 'ic-client-id', 'ic-client-secret']);
    expect(merged.requiredTogether).toContainEqual(['ic-client-id', 'ic-client-secret']);
    expect(merged.requiredTogether).toContainEqual(['grant-entitlement', 'grant-principal', 'grant-principal-type']);
  });

  it('lets a connector re-declare a standard field of the same type', () => {
    const ironclad = defineConfig({ fields: { provisioning: { type: 'boolean', description: 'Enable Ironclad provisioning' } } });
    const merged = mergeSchemas(SDK_CONFIG, ironclad);
    expect(merged.fields.provisioning).toMatchObject({ type: 'boolean', short: 'p', description: 'Enable Ironclad provisioning' });
    const result = resolveConfig(merged, { flags: { provisioning: true }, env: {} });
    expect(result.ok && result.values.provisioning).toBe(true);
  });

  it('throws on a duplicate name with another type', () => {
    const clash = defineConfig({ fields: { workers: { type: 'string', description: 'x' } } });
    expect(() => mergeSchemas(SDK_CONFIG, clash)).toThrow('config field "workers" is declared twice, as integer and as string');
  });

  it('throws on a short alias or env var used twice', () => {
    const shortClash = defineConfig({ fields: { force: { type: 'boolean', short: 'f', description: 'x' } } });
    expect(() => mergeSchemas(SDK_CONFIG, shortClash)).toThrow('config fields "file" and "force" both use the short alias -f');
    const envClash = defineConfig({ fields: { path: { type: 'string', env: 'BATON_CONFIG_PATH', description: 'x' } } });
    expect(() => mergeSchemas(SDK_CONFIG, envClash)).toThrow('config fields "config" and "path" both read BATON_CONFIG_PATH');
  });

  it('throws on an invalid flag name or a relationship naming an undeclared field', () => {
    expect(() => mergeSchemas(SDK_CONFIG, { fields: { Bad_Name: { type: 'string', description: 'x' } } })).toThrow(
      'config field "Bad_Name" is not a valid flag name',
    );
    expect(() => mergeSchemas(SDK_CONFIG, { fields: { a: { type: 'string', description: 'x' } }, requiredTogether: [['a', 'b']] })).toThrow(
      'a config relationship names "b", which is not declared',
    );
  });

  it('throws on an integer field without a range, or with a default outside it', () => {
    const unbounded = { fields: { 'page-size': { type: 'integer', description: 'x' } } } as unknown as Parameters<typeof mergeSchemas>[1];
    expect(() => mergeSchemas(SDK_CONFIG, unbounded)).toThrow('config field "page-size" is an integer and needs a range');
    const outside = defineConfig({ fields: { 'page-size': { type: 'integer', min: 1, max: 100, default: 500, description: 'x' } } });
    expect(() => mergeSchemas(SDK_CONFIG, outside)).toThrow('config field "page-size" has a default of 500, outside its range 1..100');
  });
});
