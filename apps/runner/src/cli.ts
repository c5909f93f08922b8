#!/usr/bin/env node
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };
import { buildConnector } from './build.js';
import {
  discoverConnectors,
  isPackagePath,
  isWorkspaceRoot,
  readConnectorPackageDir,
  selectConnectors,
  type ConnectorPackage,
} from './connectors.js';
import { buildPrerequisites } from './prerequisites.js';

const USAGE = `Usage: c1-runner build <package-dir> [--out <dir>] [--image-repository <registry/namespace>]
       c1-runner build <connector|all> [...]    (inside the c1 connectors workspace)

Builds a connector package (one built on @c1/connector-sdk, with a "bin" in its package.json,
built first: npm run build) into a single executable for this OS, CPU and Node version, with a
Dockerfile, Kubernetes manifests and manifest.json, in <dir>/<name>/ (default <package-dir>/out/,
or apps/runner/out/ for the workspace's connectors). Images are tagged
<registry/namespace>/<bin>:<version> (default ghcr.io/c1).`;

/** The workspace root when this runner runs from a checkout: three levels above apps/runner/{src,dist}/cli. */
const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKSPACE_OUT = fileURLToPath(new URL('../out/', import.meta.url));

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** What one `build` argument names: the connectors and where their outputs go unless `--out` says. */
interface BuildTargets {
  connectors: ConnectorPackage[];
  defaultOut: string;
}

/** Resolves a `build` argument: a package directory, or (in the workspace) a connector name or `all`. */
function resolveTargets(selector: string): BuildTargets {
  if (isPackagePath(selector)) {
    const connector = readConnectorPackageDir(selector);
    return { connectors: [connector], defaultOut: join(connector.dir, 'out') };
  }
  if (!isWorkspaceRoot(WORKSPACE_ROOT)) {
    throw new Error(`"${selector}" is not a directory: pass the connector package's directory (c1-runner build ./${selector})`);
  }
  return { connectors: selectConnectors(discoverConnectors(WORKSPACE_ROOT), selector), defaultOut: WORKSPACE_OUT };
}

/** Builds each connector into `<outRoot>/<name>/`, printing one line per binary; returns the exit code. */
async function buildAll(connectors: ConnectorPackage[], outRoot: string, imageRepository: string | undefined): Promise<number> {
  for (const connector of connectors) {
    try {
      const result = await buildConnector(
        connector,
        resolve(outRoot, connector.name),
        imageRepository === undefined ? {} : { imageRepository },
      );
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

/** Runs the runner's command line; returns the exit code (0 ok, 1 build failed, 2 bad usage). */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'image-repository': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.version) {
    process.stdout.write(`c1-runner ${packageJson.version}\n`);
    return 0;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, selector, ...extra] = parsed.positionals;
  if (command !== 'build' || !selector || extra.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let targets;
  try {
    targets = resolveTargets(selector);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const problems = buildPrerequisites();
  if (problems.length > 0) {
    process.stderr.write(`cannot build executables here:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n`);
    return 1;
  }
  return buildAll(targets.connectors, resolve(parsed.values.out ?? targets.defaultOut), parsed.values['image-repository']);
}

process.exitCode = await main(process.argv.slice(2));
