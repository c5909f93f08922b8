/**
 * `baton-ilert capabilities` as an operator runs it before any credentials exist: the built
 * binary prints what the connector can do from its declaration, and the commands that call
 * ilert still refuse to start without the credentials.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capabilitiesProblems, ensureBuilt, runConnectorCli } from '@c1/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnector } from './mock-ilert.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const CREDENTIALS = { BATON_ILERT_API_TOKEN: 'caps-ilert-token-0123456789' };

describe('baton-ilert capabilities', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt(packageDir);
    dir = await mkdtemp(join(tmpdir(), 'baton-ilert-caps-'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints, without any credentials, the same capabilities as with them and as the built connector has', async () => {
    expect(await capabilitiesProblems({ packageDir, binary: 'baton-ilert', credentials: CREDENTIALS, connector: testConnector() })).toEqual(
      [],
    );
  });

  it('still refuses sync and validate without the token, naming the missing setting', async () => {
    for (const args of [['-f', join(dir, 'sync.c1z')], ['validate']]) {
      const result = await runConnectorCli(packageDir, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--ilert-api-token / BATON_ILERT_API_TOKEN is required');
    }
  });
});
