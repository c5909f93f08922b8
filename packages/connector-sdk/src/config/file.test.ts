import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isConnectorError } from '../errors/connector-error.js';
import { loadConfigFile } from './file.js';
import { resolveConfig } from './resolve.js';
import { mergeSchemas } from './merge.js';
import { SDK_CONFIG } from './sdk-config.js';

const dir = mkdtempSync(join(tmpdir(), 'c1-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfigFile', () => {
  it('reads a YAML mapping keyed by flag names in either spelling', () => {
    const path = write('ok.yaml', 'log-level: debug\nhttp_timeout_seconds: 60\nsync-resource-types:\n  - user\n  - team\n');
    const file = loadConfigFile(path);
    const result = resolveConfig(SDK_CONFIG, { flags: {}, env: {}, file });
    expect(result.ok && result.values).toMatchObject({
      'log-level': 'debug',
      'http-timeout-seconds': 60,
      'sync-resource-types': ['user', 'team'],
    });
  });

  it('keeps a token that looks like a number exactly as written', () => {
    const schema = { fields: { 'demo-token': { type: 'string' as const, secret: true, description: 'token' } } };
    const file = loadConfigFile(write('token.yaml', 'demo-token: 0123456789e12\nprovisioning: yes\n'));
    const result = resolveConfig(mergeSchemas(SDK_CONFIG, schema), { flags: {}, env: {}, file });
    expect(result.ok && result.values).toMatchObject({ 'demo-token': '0123456789e12', provisioning: true });
  });

  it('treats YAML null as not set', () => {
    const file = loadConfigFile(write('nulls.yaml', 'log-level: null\nc1z-temp-dir: ~\nworkers:\n'));
    const result = resolveConfig(SDK_CONFIG, { flags: {}, env: {}, file });
    expect(result.ok).toBe(true);
    expect(result.ok && result.values['log-level']).toBe('info');
    expect(result.ok && result.values['c1z-temp-dir']).toBeUndefined();
  });

  it('treats an empty file as no settings', () => {
    expect(loadConfigFile(write('empty.yaml', '# nothing yet\n'))).toEqual({});
  });

  it('names a missing file and the flag that pointed at it', () => {
    expect(() => loadConfigFile(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml does not exist \(--config \/ BATON_CONFIG_PATH\)/);
  });

  it('reports invalid YAML by position without quoting the content', () => {
    const path = write('bad.yaml', 'api-token: very-secret-value\n  bad: [\n');
    let caught: unknown;
    try {
      loadConfigFile(path);
    } catch (error) {
      caught = error;
    }
    expect(isConnectorError(caught, 'invalid-argument')).toBe(true);
    expect((caught as Error).message).toMatch(/bad\.yaml is not valid YAML \(line \d+, column \d+: /);
    expect((caught as Error).message).not.toContain('very-secret-value');
  });

  it('rejects a file that is not a mapping', () => {
    expect(() => loadConfigFile(write('list.yaml', '- a\n- b\n'))).toThrow(/must be a mapping of flag names to values/);
  });
});
