/**
 * Every connector's built bin (`dist/main.js`, what npm installs as `baton-<name>`) answers
 * --help and --version from its identity: byte for byte what its full CLI prints, loading
 * none of its connector module, the SDK's root or any store, HTTP or gRPC code. Needs the
 * workspace built; a connector that is not built fails the test.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConnectorDefinition } from '@c1/connector-sdk';
import { SYNC_NODE_FLAGS } from '@c1/connector-sdk/bin';
import { runCli } from '@c1/connector-sdk/internals';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverConnectors, type ConnectorPackage } from '../src/connectors.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const moduleLog = join(workspaceRoot, 'packages', 'connector-sdk', 'test', 'fixtures', 'module-log.mjs');
const connectors = discoverConnectors(workspaceRoot);

/** Modules --help and --version must not load: connector code, the SDK's root and subpaths, HTTP, gRPC, store, YAML. */
const HEAVY = [
  /\/dist\/connector-[A-Z0-9]+\.js$/,
  /\/dist\/index\.js$/,
  /\/connector-sdk\/dist\/(c1z|internals|scim|jsonapi|testing)/,
  /\/node_modules\/(undici|ky|@grpc|@connectrpc|@bufbuild|yaml|valibot|age-encryption|@noble)\//,
  /^node:(sqlite|zlib|http|https|http2|net|tls|vm|worker_threads)$/,
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bin-startup-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs a connector's built bin with the module log preloaded. */
async function runBin(connector: ConnectorPackage, args: string[]): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const log = join(dir, `${connector.name}-${args.join('_')}.txt`);
  const env = { ...process.env, MODULE_LOG: log };
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, ['--import', moduleLog, connector.entry, ...args], { env, cwd: dir }, (error, out) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
    );
  });
  return { code, stdout, loaded: (await readFile(log, 'utf8')).split('\n') };
}

/** What the connector's full CLI prints for `argv`, run in process from its package's root export. */
async function fullCliOutput(connector: ConnectorPackage, argv: string[]): Promise<string> {
  const exports = (await import(pathToFileURL(join(connector.dir, 'dist', 'index.js')).href)) as Record<string, unknown>;
  const definition = Object.values(exports).find(
    (value): value is ConnectorDefinition =>
      typeof value === 'object' && value !== null && (value as Partial<ConnectorDefinition>).name === connector.name && 'create' in value,
  );
  if (!definition) throw new Error(`${connector.packageName} exports no connector definition named ${connector.name}`);
  const stdout = new PassThrough();
  let text = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  expect(await runCli(definition, { argv, env: {}, stdout, stderr: new PassThrough(), cwd: dir })).toBe(0);
  return text;
}

describe('every connector bin', () => {
  it('is discovered: all five connectors', () => {
    expect(connectors.map((connector) => connector.name).sort()).toEqual(['ilert', 'ironclad', 'rudderstack', 'scalr', 'teamtailor']);
  });

  describe.each(connectors.map((connector) => [connector.binaryName, connector] as const))('%s', (_, connector) => {
    it("starts Node with the SDK's sync flags, so a big sync keeps a flat heap", async () => {
      const [firstLine] = (await readFile(connector.entry, 'utf8')).split('\n', 1);
      expect(firstLine).toBe(`#!/usr/bin/env -S node ${SYNC_NODE_FLAGS.join(' ')}`);
    });

    it.each([['--help'], ['--version'], ['validate', '--help']])(
      '%s prints the full CLI output and loads no connector, store, HTTP or gRPC code',
      async (...args) => {
        const run = await runBin(connector, args);
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(await fullCliOutput(connector, args));
        expect(run.loaded.filter((url) => HEAVY.some((pattern) => pattern.test(url)))).toEqual([]);
      },
    );
  });
});
