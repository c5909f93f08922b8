import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GOOD_TOKEN, runDemo } from '../cli/test-connector.test-support.js';
import { testCredentials } from './test-credentials.test-support.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'service-cli-test-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('service mode on the command line', () => {
  it('lists the service-mode flags with their env vars', async () => {
    const { stdout } = await runDemo(['--help'], { cwd });
    for (const flag of [
      '--client-id',
      '--client-secret',
      '--host-id',
      '--health-check',
      '--health-check-port',
      '--health-check-bind-address',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('BATON_CLIENT_SECRET');
    expect(stdout).toMatch(/--health-check-port[\s\S]*default 8081/);
  });

  it('needs --client-id and --client-secret together', async () => {
    const { clientId } = testCredentials();
    const { code, stderr } = await runDemo([], { cwd, env: { BATON_DEMO_TOKEN: GOOD_TOKEN, BATON_CLIENT_ID: clientId } });
    expect(code).toBe(2);
    expect(stderr).toContain('--client-secret / BATON_CLIENT_SECRET is required together with --client-id');
  });

  it('exits 2 for a malformed id or secret, naming the flag and env var and never the secret', async () => {
    const { clientSecret, d } = testCredentials();
    const bad = `${clientSecret.slice(0, -6)}`;
    const { code, stderr } = await runDemo([], {
      cwd,
      env: { BATON_DEMO_TOKEN: GOOD_TOKEN, BATON_CLIENT_ID: 'no-at-sign', BATON_CLIENT_SECRET: bad },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--client-id \/ BATON_CLIENT_ID.*is not a C1 client id/);
    expect(stderr).toMatch(/--client-secret \/ BATON_CLIENT_SECRET/);
    expect(stderr).not.toContain(bad);
    expect(stderr).not.toContain(d);
  });
});
