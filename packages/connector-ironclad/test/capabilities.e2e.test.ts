/**
 * `baton-ironclad capabilities` as an operator runs it before any credentials exist: the built
 * binary prints what the connector can do from its declaration, and the commands that call
 * Ironclad still refuse to start without the credentials.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capabilitiesProblems, ensureBuilt, runConnectorCli } from '@c1/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnector } from './mock-ironclad.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const CREDENTIALS = {
  BATON_IC_CLIENT_ID: 'caps-client-id',
  BATON_IC_CLIENT_SECRET: 'caps-client-secret-0123456789',
  BATON_IC_AS_USER_EMAIL: 'admin@example.com',
};

describe('baton-ironclad capabilities', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt(packageDir);
    dir = await mkdtemp(join(tmpdir(), 'baton-ironclad-caps-'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints, without any credentials, the same capabilities as with them and as the built connector has', async () => {
    expect(
      await capabilitiesProblems({ packageDir, binary: 'baton-ironclad', credentials: CREDENTIALS, connector: testConnector() }),
    ).toEqual([]);
  });

  it('still refuses sync and validate without the credentials, naming each missing setting', async () => {
    for (const args of [['-f', join(dir, 'sync.c1z')], ['validate']]) {
      const result = await runConnectorCli(packageDir, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--ic-client-id / BATON_IC_CLIENT_ID is required');
      expect(result.stderr).toContain('--ic-client-secret / BATON_IC_CLIENT_SECRET is required');
      expect(result.stderr).toContain('--ic-as-user-email / BATON_IC_AS_USER_EMAIL is required');
    }
  });
});
