import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { armor, Decrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineConfig } from '../config/index.js';
import { defineConnector } from '../connector/index.js';
import { defineResourceType } from '../model/index.js';
import { runCli } from './run-cli.js';
import { type DemoData, demoData, GOOD_TOKEN, MemoryStream, NEW_ACCOUNT_PASSWORD, runDemo } from './test-connector.test-support.js';

const env = { BATON_DEMO_TOKEN: GOOD_TOKEN };
let cwd: string;
let data: DemoData;

beforeEach(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'cli-provision-'));
  data = demoData();
  expect((await runDemo([], { cwd, env, data })).code).toBe(0);
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const grantArgs = ['--grant-entitlement', 'team:902:member', '--grant-principal', '1', '--grant-principal-type', 'user'];

describe('one-shot operations on a read-only connector', () => {
  const viewerUser = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
  const readOnly = defineConnector({
    name: 'viewer',
    version: '1.0.0',
    config: defineConfig({ fields: {} }),
    declaration: { metadata: { displayName: 'Viewer' }, resourceTypes: [{ resourceType: viewerUser }] },
    create: () => ({
      metadata: { displayName: 'Viewer' },
      validate: async () => [],
      resourceSyncers: [{ resourceType: viewerUser, list: async () => ({ items: [] }) }],
    }),
  });

  it('are refused with exit 2 and a message saying the connector is read-only, before the file is read', async () => {
    for (const args of [grantArgs, ['--revoke-grant', 'team:901:member:user:1'], ['--create-account-login', 'kj']]) {
      const stderr = new MemoryStream();
      const code = await runCli(readOnly, {
        argv: [...args, '-p', '-f', join(cwd, 'missing.c1z')],
        env: {},
        stdout: new MemoryStream(),
        stderr,
        cwd,
      });
      expect(code).toBe(2);
      expect(stderr.text).toMatch(
        /^baton-viewer: baton-viewer is read-only: it syncs but cannot change access, so --(grant-entitlement|revoke-grant|create-account-login\/--create-account-email) is not supported\n$/,
      );
    }
  });
});

describe('one-shot grant and revoke', () => {
  it('refuse to run without --provisioning', async () => {
    for (const args of [grantArgs, ['--revoke-grant', 'team:901:member:user:1'], ['--create-account-login', 'kj']]) {
      const { code, stderr, calls } = await runDemo(args, { cwd, env, data });
      expect(code).toBe(2);
      expect(stderr).toContain('runs only with --provisioning / BATON_PROVISIONING=true');
      expect(calls.granted.length + calls.revoked.length + calls.accounts.length).toBe(0);
    }
  });

  it('grants an entitlement found in the c1z, then reports that it already exists', async () => {
    const first = await runDemo([...grantArgs, '--provisioning', '--output', 'table'], { cwd, env, data });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('granted team:902:member to user:1\n');
    expect(first.calls.granted).toEqual(['team:902:member:user:1']);
    expect(first.calls.runtime[0]?.provisioning).toBe(true);

    const again = await runDemo([...grantArgs, '-p'], { cwd, env, data });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'already-exists', entitlement: 'team:902:member', principal: 'user:1' });
  });

  it('revokes a grant found in the c1z, then reports it already revoked', async () => {
    const args = ['--revoke-grant', 'team:901:member:user:2', '--provisioning', '--output', 'table'];
    const first = await runDemo(args, { cwd, env, data });
    expect(first).toMatchObject({ code: 0, stdout: 'revoked team:901:member:user:2\n' });
    const again = await runDemo(args, { cwd, env, data });
    expect(again.stdout).toBe('already revoked: team:901:member:user:2 was gone\n');
  });

  it('explains when the entitlement, principal or grant is not in the c1z', async () => {
    const entitlement = await runDemo(
      ['--grant-entitlement', 'team:999:member', '--grant-principal', '1', '--grant-principal-type', 'user', '-p'],
      { cwd, env, data },
    );
    expect(entitlement.code).toBe(2);
    expect(entitlement.stderr).toContain('--grant-entitlement: entitlement "team:999:member" is not in');
    const principal = await runDemo(
      ['--grant-entitlement', 'team:901:member', '--grant-principal', '77', '--grant-principal-type', 'user', '-p'],
      { cwd, env, data },
    );
    expect(principal.stderr).toContain('--grant-principal: resource "user:77" is not in');
    const grant = await runDemo(['--revoke-grant', 'team:901:member:user:9', '-p'], { cwd, env, data });
    expect(grant.stderr).toContain('--revoke-grant: grant "team:901:member:user:9" is not in');
    expect(grant.calls.revoked).toEqual([]);
  });

  it('needs all three grant flags', async () => {
    const { code, stderr } = await runDemo(['--grant-entitlement', 'team:901:member', '-p'], { cwd, env, data });
    expect(code).toBe(2);
    expect(stderr).toContain('--grant-principal / BATON_GRANT_PRINCIPAL is required together with --grant-entitlement');
    expect(stderr).toContain('--grant-principal-type');
  });
});

describe('one-shot account creation', () => {
  const accountArgs = [
    '--create-account-login',
    'kj',
    '--create-account-email',
    'kj@example.com',
    '--create-account-profile',
    '{"team":"ops"}',
    '-p',
  ];

  it('creates the account with a strong random password and withholds the secret', async () => {
    const { code, stdout, stderr, calls } = await runDemo(accountArgs, { cwd, env, data });
    expect(code).toBe(0);
    expect(calls.accounts[0]?.info).toEqual({
      login: 'kj',
      emails: [{ address: 'kj@example.com', isPrimary: true }],
      profile: { team: 'ops' },
    });
    const credentials = calls.accounts[0]?.credentials;
    expect(credentials?.kind).toBe('random-password');
    if (credentials?.kind === 'random-password') {
      expect(credentials.length).toBeGreaterThanOrEqual(16);
      expect(credentials.constraints).toHaveLength(4);
    }
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({
      outcome: 'created',
      resource: { id: { resourceType: 'user', resource: '101' } },
      secretsWithheld: ['password'],
    });
    expect(stderr).toContain('withheld');
    expect(stdout + stderr).not.toContain(NEW_ACCOUNT_PASSWORD);
  });

  it('prints returned secrets only encrypted to the age recipient', async () => {
    const identity = await generateIdentity();
    const recipient = await identityToRecipient(identity);
    const { code, stdout, stderr } = await runDemo([...accountArgs, '--create-account-age-recipient', recipient], { cwd, env, data });
    expect(code).toBe(0);
    expect(stdout + stderr).not.toContain(NEW_ACCOUNT_PASSWORD);
    const printed = JSON.parse(stdout);
    expect(printed.encryptedSecrets.armored).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const plaintext = await decrypter.decrypt(armor.decode(printed.encryptedSecrets.armored), 'text');
    expect(JSON.parse(plaintext)).toEqual([{ name: 'password', value: NEW_ACCOUNT_PASSWORD }]);
  });

  it('creates the account without a password when asked to', async () => {
    const { code, calls } = await runDemo([...accountArgs, '--create-account-credential', 'no-password'], { cwd, env, data });
    expect(code).toBe(0);
    expect(calls.accounts[0]?.credentials).toEqual({ kind: 'no-password' });
  });

  it('rejects a credential option the connector does not support', async () => {
    const { code, stderr, calls } = await runDemo([...accountArgs, '--create-account-credential', 'no-password'], {
      cwd,
      env,
      data,
      credentialOptions: ['random-password'],
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--create-account-credential: baton-demo supports random-password, not no-password');
    expect(calls.accounts).toEqual([]);
  });

  it('rejects a malformed recipient or profile before creating anything', async () => {
    const { code, stderr, calls } = await runDemo(
      ['--create-account-login', 'kj', '--create-account-profile', '[1]', '--create-account-age-recipient', 'not-a-key', '-p'],
      { cwd, env, data },
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--create-account-age-recipient');
    expect(stderr).toContain('--create-account-profile');
    expect(calls.accounts).toEqual([]);
  });
});
