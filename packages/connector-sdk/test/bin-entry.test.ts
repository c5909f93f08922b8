/**
 * The bin entry end to end: a bin written as every connector's `src/main.ts` is, run by Node on
 * the built SDK (dist/, which the test task builds first), answers --help and --version without
 * loading its connector, the SDK's root or any store, HTTP or gRPC code, prints what the full
 * CLI prints, and runs every other command through the full CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import type { ConnectorDefinition } from '../src/connector/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const bin = join(fixtures, 'demo-bin', 'main.mjs');

/** What --help and --version must never load: the connector, the SDK's root, and HTTP, gRPC, store and config-file code. */
const HEAVY = [
  /\/demo-bin\/connector\.mjs$/,
  /\/dist\/index\.js$/,
  /\/dist\/(c1z|internals|scim|jsonapi|testing)/,
  /\/node_modules\/(undici|ky|@grpc|@connectrpc|@bufbuild|yaml|valibot|age-encryption|@noble)\//,
  /^node:(sqlite|zlib|http|https|http2|net|tls|vm|worker_threads)$/,
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bin-entry-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the demo bin with the module log preloaded; returns its output and every module it loaded. */
async function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string; loaded: string[] }> {
  const log = join(dir, `modules-${args.join('_')}.txt`);
  const env = { ...process.env, MODULE_LOG: log, NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', join(fixtures, 'module-log.mjs'), bin, ...args], { env, cwd: dir }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
  return { ...result, loaded: (await readFile(log, 'utf8')).split('\n') };
}

const heavyOf = (loaded: readonly string[]): string[] => loaded.filter((url) => HEAVY.some((pattern) => pattern.test(url)));

/** What the full CLI prints for `argv`, in process. */
async function fullCliOutput(argv: string[]): Promise<string> {
  const connectorModule = pathToFileURL(join(fixtures, 'demo-bin', 'connector.mjs')).href;
  const { demoConnector } = (await import(connectorModule)) as { demoConnector: ConnectorDefinition };
  const stdout = new PassThrough();
  let text = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  expect(await runCli(demoConnector, { argv, env: {}, stdout, stderr: new PassThrough(), cwd: dir })).toBe(0);
  return text;
}

describe('a connector bin on runConnectorBin', () => {
  it.each([['--help'], ['help'], ['sync', '--help'], ['--version'], ['--workers', '2', '--version']])(
    '%s prints what the full CLI prints and loads none of the connector, store, HTTP or gRPC code',
    async (...args) => {
      const run = await runBin(args);
      expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toBe(await fullCliOutput(args));
      expect(heavyOf(run.loaded)).toEqual([]);
      expect(run.loaded.some((url) => url.endsWith('/demo-bin/identity.mjs'))).toBe(true);
    },
  );

  it('lists every command with its summary in --help, as before', async () => {
    const { stdout } = await runBin(['--help']);
    expect(stdout.slice(0, stdout.indexOf('\nFlags:'))).toBe(
      [
        'baton-demo 3.1.4: syncs demo identities and access into a c1z file.',
        '',
        'Usage:',
        '  baton-demo [command] [flags]',
        '',
        'Commands:',
        '  sync          sync into --file (the default when no command is given)',
        '  validate      check the config and credentials against the API',
        '  capabilities  print what the connector can do, as JSON',
        '  config        print the JSON schema of the settings (needs no credentials)',
        '  resources     list the resources in --file (filter: --resource-type)',
        '  entitlements  list the entitlements in --file (filters: --resource-type, --resource)',
        '  grants        list the grants in --file (filters: --entitlement, --resource, --principal)',
        '  stats         count the objects of the latest sync in --file',
        '  diff          show what changed between the last two full syncs in --file',
        '  export        write everything of the latest sync in --file to stdout (--format json|csv)',
        '',
      ].join('\n'),
    );
  });

  it('loads the connector and the full CLI for any other command', async () => {
    const schema = await runBin(['config']);
    expect(schema.code, schema.stderr).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({ title: 'baton-demo', properties: { 'demo-token': { type: 'string' } } });
    expect(schema.loaded.some((url) => url.endsWith('/demo-bin/connector.mjs'))).toBe(true);

    const invalid = await runBin(['validate']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('--demo-token / BATON_DEMO_TOKEN is required');
    expect(heavyOf(invalid.loaded)).not.toEqual([]);
  });
});
