import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
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
  it('reads a YAML mapping keyed by flag names in either spelling', async () => {
    const path = write('ok.yaml', 'log-level: debug\nhttp_timeout_seconds: 60\nsync-resource-types:\n  - user\n  - team\n');
    const file = await loadConfigFile(path);
    const result = resolveConfig(SDK_CONFIG, { flags: {}, env: {}, file });
    expect(result.ok && result.values).toMatchObject({
      'log-level': 'debug',
      'http-timeout-seconds': 60,
      'sync-resource-types': ['user', 'team'],
    });
  });

  it('keeps a token that looks like a number exactly as written', async () => {
    const schema = { fields: { 'demo-token': { type: 'string' as const, secret: true, description: 'token' } } };
    const file = await loadConfigFile(write('token.yaml', 'demo-token: 0123456789e12\nprovisioning: yes\n'));
    const result = resolveConfig(mergeSchemas(SDK_CONFIG, schema), { flags: {}, env: {}, file });
    expect(result.ok && result.values).toMatchObject({ 'demo-token': '0123456789e12', provisioning: true });
  });

  it('treats YAML null as not set', async () => {
    const file = await loadConfigFile(write('nulls.yaml', 'log-level: null\nc1z-temp-dir: ~\nworkers:\n'));
    const result = resolveConfig(SDK_CONFIG, { flags: {}, env: {}, file });
    expect(result.ok).toBe(true);
    expect(result.ok && result.values['log-level']).toBe('info');
    expect(result.ok && result.values['c1z-temp-dir']).toBeUndefined();
  });

  it('treats an empty file as no settings', async () => {
    expect(await loadConfigFile(write('empty.yaml', '# nothing yet\n'))).toEqual({});
  });

  it('names a missing file and the flag that pointed at it', async () => {
    await expect(loadConfigFile(join(dir, 'missing.yaml'))).rejects.toThrow(
      /missing\.yaml does not exist \(--config \/ BATON_CONFIG_PATH\)/,
    );
  });

  it('reports invalid YAML by position without quoting the content', async () => {
    const path = write('bad.yaml', 'api-token: very-secret-value\n  bad: [\n');
    let caught: unknown;
    try {
      await loadConfigFile(path);
    } catch (error) {
      caught = error;
    }
    expect(isConnectorError(caught, 'invalid-argument')).toBe(true);
    expect((caught as Error).message).toMatch(/bad\.yaml is not valid YAML \(line \d+, column \d+: /);
    expect((caught as Error).message).not.toContain('very-secret-value');
  });

  it('rejects a file that is not a mapping', async () => {
    await expect(loadConfigFile(write('list.yaml', '- a\n- b\n'))).rejects.toThrow(/must be a mapping of flag names to values/);
  });

  it('refuses a file with more values than a config holds, before building it', async () => {
    const list = Array.from({ length: 12_000 }, (_, i) => `t${i}`).join(', ');
    await expect(loadConfigFile(write('values.yaml', `sync-resource-types: [${list}]\n`))).rejects.toThrow(
      /values\.yaml is too large \(more than 10000 values\)/,
    );
  });

  it('stops parsing a large file as soon as its signal aborts', async () => {
    const lines = Array.from({ length: 900 }, (_, i) => `k${i}: [${Array.from({ length: 10 }, (_, j) => `v${j}`).join(', ')}]`);
    const path = write('large.yaml', `${lines.join('\n')}\n`);
    const controller = new AbortController();
    const loading = loadConfigFile(path, { signal: controller.signal });
    // The file is read and parsed over many turns of the event loop; abort on one of the first.
    setImmediate(() => controller.abort('SIGTERM'));
    await expect(loading).rejects.toBe('SIGTERM');
  });

  it('stops waiting for a pipe that never ends when its signal aborts', async () => {
    const fifo = join(dir, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    const controller = new AbortController();
    const loading = loadConfigFile(fifo, { signal: controller.signal });
    const writer = await open(fifo, 'w');
    await writer.write('log-level: debug\n');
    setTimeout(() => controller.abort('SIGINT'), 50);
    await expect(loading).rejects.toBe('SIGINT');
    await writer.close();
  });
});
