/**
 * Operator input beyond sane limits, as the built `baton-ilert` binary meets it: each is a
 * usage error (exit 2) naming the flag, before any request, and no content of a config file
 * (secrets included) is ever printed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, runConnectorCli, startHostileServer, jsonBody, type HostileServer } from '@c1/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'ilert-limits-token-SECRET-7c41';

describe('baton-ilert with input beyond its limits', () => {
  let dir: string;
  let server: HostileServer;

  beforeAll(async () => {
    await ensureBuilt(packageDir);
    dir = await mkdtemp(join(tmpdir(), 'baton-ilert-limits-'));
    server = await startHostileServer({ '/api/users': () => jsonBody([]), '/api/teams': () => jsonBody([]) });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    runConnectorCli(packageDir, ['--ilert-base-url', `${server.origin}/api`, '-f', join(dir, 'sync.c1z'), ...args], {
      env: { BATON_ILERT_API_TOKEN: TOKEN },
    });

  it('refuses --workers 100000000 as a usage error naming the flag, before any request', async () => {
    const result = await run(['--workers', '100000000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workers / BATON_WORKERS must be between 1 and 64');
    expect(server.requests()).toBe(0);
  });

  it('refuses a config file with 200,000 keys at once instead of parsing it for minutes', async () => {
    const config = join(dir, 'many.yaml');
    await writeFile(config, Array.from({ length: 200_000 }, (_, i) => `k${i}: v`).join('\n'));
    const result = await run(['--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`config file ${config} is too large`);
    const keys = join(dir, 'keys.yaml');
    await writeFile(keys, Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join('\n'));
    const tooMany = await run(['--config', keys]);
    expect(tooMany.stderr).toContain(`config file ${keys} is too large (more than 1000 keys)`);
  });

  it('never prints a config line holding a secret in a YAML parser warning', async () => {
    const config = join(dir, 'tagged.yaml');
    await writeFile(config, `ilert-api-token: !vault ${TOKEN}\nlog-level: warn\n`);
    const result = await runConnectorCli(packageDir, ['validate', '--config', config, '--ilert-base-url', `${server.origin}/api`]);
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stdout).not.toContain(TOKEN);
    expect(result.stderr).not.toContain('YAMLWarning');
  });

  it('never echoes a token given by mistake as a positional argument', async () => {
    const pasted = 'ilert-pasted-SECRET-0a9f3b';
    const result = await runConnectorCli(packageDir, [pasted], { env: { BATON_ILERT_API_TOKEN: TOKEN } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command (an argument of 26 characters, not shown in case it is a secret)');
    expect(result.stderr).not.toContain(pasted);
    const asSetting = await runConnectorCli(packageDir, ['sync', TOKEN], { env: { BATON_ILERT_API_TOKEN: TOKEN } });
    expect(asSetting.code).toBe(2);
    expect(asSetting.stderr).not.toContain(TOKEN);
    const word = await runConnectorCli(packageDir, ['frobnicate'], { env: { BATON_ILERT_API_TOKEN: TOKEN } });
    expect(word.stderr).toContain('unknown command "frobnicate"');
  });
});
