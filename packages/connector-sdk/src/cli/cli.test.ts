import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRASHING_TOKEN, GOOD_TOKEN, runDemo } from './test-connector.test-support.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'cli-test-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('help and version', () => {
  it('lists the commands, and every flag with its env var and default, grouped', async () => {
    const { code, stdout } = await runDemo(['--help'], { cwd });
    expect(code).toBe(0);
    for (const command of ['validate', 'capabilities', 'config', 'resources', 'entitlements', 'grants', 'stats', 'diff', 'export']) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(stdout).toContain('--demo-token');
    expect(stdout).toContain('BATON_DEMO_TOKEN');
    expect(stdout).toMatch(/--demo-region[\s\S]*default "eu"/);
    expect(stdout).toMatch(/--file[\s\S]*BATON_FILE[\s\S]*default "sync.c1z"/);
    expect(stdout).toContain('--http-timeout-seconds');
    expect(stdout).toContain('--grant-entitlement');
    expect(stdout).toContain('--create-account-age-recipient');
    expect(stdout).toContain('--resource-type');
    expect(stdout.indexOf('--demo-token')).toBeLessThan(stdout.indexOf('Standard flags'));
    expect(stdout.indexOf('Standard flags')).toBeLessThan(stdout.indexOf('--log-level'));
  });

  it('prints help for "help" and the version for --version', async () => {
    expect((await runDemo(['help'], { cwd })).stdout).toContain('Commands:');
    const version = await runDemo(['--version'], { cwd });
    expect(version).toMatchObject({ code: 0, stdout: 'baton-demo 1.2.3\n' });
  });
});

describe('usage and config errors', () => {
  it('exits 2 naming every problem with its flag and env var, without a stack trace', async () => {
    const { code, stderr } = await runDemo(['--demo-region', 'mars', '--http-timeout-seconds', '0'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('--demo-token / BATON_DEMO_TOKEN is required');
    expect(stderr).toContain('--demo-region / BATON_DEMO_REGION');
    expect(stderr).toContain('--http-timeout-seconds / BATON_HTTP_TIMEOUT_SECONDS');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('lists flag mistakes together with config problems', async () => {
    const { code, stderr } = await runDemo(['--no-such-flag', '--demo-region', 'mars'], { cwd, env: { BATON_WORKERS: '0' } });
    expect(code).toBe(2);
    expect(stderr).toContain('unknown flag --no-such-flag');
    expect(stderr).toContain('--demo-token / BATON_DEMO_TOKEN is required');
    expect(stderr).toContain('--demo-region / BATON_DEMO_REGION');
    expect(stderr).toContain('--workers / BATON_WORKERS');
    expect(stderr).toContain('baton-demo --help');
  });

  it('exits 2 for an unknown --sync-resource-types id, before calling the API', async () => {
    const { code, stderr } = await runDemo(['--sync-resource-types', 'user,nope'], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN } });
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--sync-resource-types / BATON_SYNC_RESOURCE_TYPES: unknown resource type "nope"; baton-demo syncs user, team',
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('exits 2 for an unknown flag and for an unknown command', async () => {
    const flag = await runDemo(['--no-such-flag'], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN } });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--no-such-flag');
    const command = await runDemo(['frobnicate'], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN } });
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "frobnicate"');
    expect(command.stderr).toContain('baton-demo --help');
  });

  it('reads settings from a YAML config file, below flags and env', async () => {
    writeFileSync(join(cwd, 'settings.yaml'), `demo-token: ${GOOD_TOKEN}\ndemo-region: us\n`);
    const { code, calls } = await runDemo(['validate', '--config', 'settings.yaml', '--http-timeout-seconds', '7'], { cwd });
    expect(code).toBe(0);
    expect(calls.runtime).toEqual([{ userAgent: 'baton-demo/1.2.3', timeoutMs: 7000, provisioning: false }]);
  });

  it("resolves the config once per run: each setting's BATON_* variable is read once", async () => {
    writeFileSync(join(cwd, 'settings.yaml'), 'demo-region: us\n');
    const reads = new Map<string, number>();
    const env = new Proxy<Record<string, string>>(
      { BATON_DEMO_TOKEN: GOOD_TOKEN, BATON_WORKERS: '3', BATON_CONFIG_PATH: 'settings.yaml' },
      {
        get(target, key, receiver) {
          if (typeof key === 'string') reads.set(key, (reads.get(key) ?? 0) + 1);
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const { code } = await runDemo(['validate'], { cwd, env });
    expect(code).toBe(0);
    expect(reads.get('BATON_DEMO_TOKEN')).toBe(1);
    expect(reads.get('BATON_WORKERS')).toBe(1);
    expect(reads.get('BATON_HTTP_TIMEOUT_SECONDS')).toBe(1);
  });

  it('never prints a secret given on the command line', async () => {
    const secret = 'super-secret-token-value';
    const { code, stdout, stderr } = await runDemo(['validate', '--demo-token', secret, '--demo-region', 'mars'], { cwd });
    expect(code).toBe(2);
    expect(stdout + stderr).not.toContain(secret);
  });
});

describe('unexpected errors', () => {
  it('exit 1 with the message, and show the stack only with --log-level debug', async () => {
    const plain = await runDemo(['validate'], { cwd, env: { BATON_DEMO_TOKEN: CRASHING_TOKEN } });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('baton-demo: unexpected error: demo client exploded');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runDemo(['validate', '--log-level', 'debug'], { cwd, env: { BATON_DEMO_TOKEN: CRASHING_TOKEN } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/TypeError: demo client exploded\n\s+at /);
  });
});

describe('validate', () => {
  it('exits 0 and prints each check when the credentials work', async () => {
    const { code, stdout } = await runDemo(['validate', '--output', 'table'], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN } });
    expect(code).toBe(0);
    expect(stdout).toContain('✓ API token accepted: 3 users visible');
  });

  it('prints the checks as JSON into a pipe', async () => {
    const { code, stdout } = await runDemo(['validate'], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ ok: true, checks: [{ name: 'API token accepted', detail: '3 users visible' }] });
  });

  it('exits 1 with the API error when the credentials are refused', async () => {
    const { code, stdout, stderr } = await runDemo(['validate', '--output', 'table'], { cwd, env: { BATON_DEMO_TOKEN: 'wrong-token' } });
    expect(code).toBe(1);
    expect(stdout).toContain('✗ demo rejected the API token (401) - check --demo-token / BATON_DEMO_TOKEN');
    expect(stdout + stderr).not.toContain('wrong-token');
  });

  it('exits 2 when the config is incomplete', async () => {
    const { code, stderr } = await runDemo(['validate'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('--demo-token / BATON_DEMO_TOKEN is required');
  });
});

describe('capabilities and config', () => {
  it('prints capabilities and resource types as JSON', async () => {
    const { code, stdout } = await runDemo(['capabilities'], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN } });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.capabilities.connector).toEqual(expect.arrayContaining(['SYNC', 'PROVISION', 'ACCOUNT_PROVISIONING']));
    expect(report.capabilities.resourceTypes).toContainEqual({ resourceType: 'team', capabilities: ['SYNC', 'PROVISION'] });
    expect(report.resourceTypes.map((type: { id: string }) => type.id)).toEqual(['user', 'team']);
  });

  it('prints the capabilities without any credentials and without building the connector', async () => {
    const bare = await runDemo(['capabilities'], { cwd });
    expect(bare.code).toBe(0);
    expect(bare.calls.runtime).toEqual([]);
    expect(bare.stdout).toBe((await runDemo(['capabilities'], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN } })).stdout);
  });

  it("still checks the standard settings of a capabilities run, without asking for the connector's", async () => {
    const { code, stderr } = await runDemo(['capabilities', '--workers', '0'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('--workers / BATON_WORKERS must be between 1 and 64');
    expect(stderr).not.toContain('--demo-token');
  });

  it('prints the JSON schema of the settings without any credentials', async () => {
    const { code, stdout } = await runDemo(['config'], { cwd });
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.properties['demo-token']).toMatchObject({ 'x-env': 'BATON_DEMO_TOKEN' });
    expect(schema.properties['file']).toMatchObject({ default: 'sync.c1z' });
    expect(schema.required).toContain('demo-token');
  });
});
