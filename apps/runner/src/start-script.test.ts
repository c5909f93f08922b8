import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEntry } from './bundle.js';
import { discoverConnectors } from './connectors.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ilert = discoverConnectors(workspaceRoot).find((connector) => connector.name === 'ilert');
const built = ilert !== undefined && existsSync(ilert.entry);
if (!built) console.warn('skipping the start script test: build the ilert connector first');

describe.skipIf(!built)('the start script of an executable', () => {
  let dir: string;
  let start: string;
  let full: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'start-script-'));
    start = await readFile(await bundleEntry(ilert!.entry, join(dir, 'start.cjs'), { startScript: true }), 'utf8');
    full = await readFile(await bundleEntry(ilert!.entry, join(dir, 'full.cjs')), 'utf8');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds the identity and the bin entry, and none of the connector, HTTP, gRPC or store code the full bundle holds', () => {
    for (const kept of ['ilert-api-token', 'function runConnectorBin']) {
      expect(start).toContain(kept);
    }
    for (const left of ['node_modules/.pnpm/undici', 'node_modules/.pnpm/@connectrpc', 'node:sqlite', 'function createIlertConnector']) {
      expect(full).toContain(left);
      expect(start).not.toContain(left);
    }
    expect(start.length).toBeLessThan(full.length / 20);
  });
});
