#!/usr/bin/env node
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildConnector } from './build.js';
import { discoverConnectors, selectConnectors } from './connectors.js';
import { buildPrerequisites } from './prerequisites.js';

const USAGE = `Usage: c1-runner build <connector|all> [--out <dir>] [--image-repository <registry/namespace>]

Builds each connector into a single executable for this OS, CPU and Node version, with a
Dockerfile, Kubernetes manifests and manifest.json, in <dir>/<connector>/ (default
apps/runner/out/<connector>/). Images are tagged <registry/namespace>/baton-<name>:<version>
(default ghcr.io/c1). Build the connector packages first (pnpm build).`;

/** The workspace root: three levels above this file (apps/runner/{src,dist}/cli). */
const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_OUT = fileURLToPath(new URL('../out/', import.meta.url));

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Runs the runner's command line; returns the exit code (0 ok, 1 build failed, 2 bad usage). */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, 'image-repository': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, selector, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'build' || !selector || extra.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let connectors;
  try {
    connectors = selectConnectors(discoverConnectors(WORKSPACE_ROOT), selector);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const problems = buildPrerequisites();
  if (problems.length > 0) {
    process.stderr.write(`cannot build executables here:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n`);
    return 1;
  }
  const outRoot = resolve(parsed.values.out ?? DEFAULT_OUT);
  for (const connector of connectors) {
    try {
      const imageRepository = parsed.values['image-repository'];
      const result = await buildConnector(connector, resolve(outRoot, connector.name), imageRepository === undefined ? {} : { imageRepository });
      const { manifest } = result;
      process.stdout.write(
        `${manifest.binary} ${manifest.version} -> ${relative(process.cwd(), result.binaryPath) || result.binaryPath}` +
          ` (${formatMiB(manifest.size)}, sha256 ${manifest.sha256.slice(0, 12)}, ${(result.durationMs / 1000).toFixed(1)} s)\n`,
      );
    } catch (error) {
      process.stderr.write(`${connector.binaryName}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
