import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A connector package of the workspace, as the runner builds it. */
export interface ConnectorPackage {
  /** Short name: `ilert` for `baton-ilert`. */
  name: string;
  /** The executable's name, the `bin` key: `baton-ilert`. */
  binaryName: string;
  /** npm package name: `@c1/connector-ilert`. */
  packageName: string;
  /** The package's version. */
  version: string;
  /** Absolute path of the package directory. */
  dir: string;
  /** Absolute path of the built bin entry (`dist/main.js`). */
  entry: string;
}

/** The fields of a package.json the runner reads. */
interface PackageJson {
  name?: unknown;
  version?: unknown;
  bin?: unknown;
}

/** The `bin` key prefix of a connector executable. */
const BINARY_PREFIX = 'baton-';

/**
 * Reads one connector package: its `bin` must hold exactly one `baton-<name>` entry.
 * Throws an error naming the package when it does not.
 */
export function readConnectorPackage(dir: string, manifest: PackageJson): ConnectorPackage {
  const where = join(dir, 'package.json');
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string') {
    throw new Error(`${where} has no name or version`);
  }
  const bin = manifest.bin;
  const entries = bin && typeof bin === 'object' ? Object.entries(bin as Record<string, unknown>) : [];
  const binaries = entries.filter(
    (entry): entry is [string, string] => entry[0].startsWith(BINARY_PREFIX) && typeof entry[1] === 'string',
  );
  const [first] = binaries;
  if (binaries.length !== 1 || !first) {
    throw new Error(`${where} must declare exactly one "${BINARY_PREFIX}<name>" bin entry`);
  }
  const [binaryName, entry] = first;
  return {
    name: binaryName.slice(BINARY_PREFIX.length),
    binaryName,
    packageName: manifest.name,
    version: manifest.version,
    dir,
    entry: resolve(dir, entry),
  };
}

/** Every connector package under `<workspaceRoot>/packages/connector-*`, sorted by name. */
export function discoverConnectors(workspaceRoot: string): ConnectorPackage[] {
  const packagesDir = join(workspaceRoot, 'packages');
  const connectors: ConnectorPackage[] = [];
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith('connector-')) continue;
    const dir = join(packagesDir, entry.name);
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson;
    if (!manifest.bin) continue;
    connectors.push(readConnectorPackage(dir, manifest));
  }
  return connectors.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The connectors a `build` argument names: `all`, or one connector by short name
 * (`ilert`) or executable name (`baton-ilert`). Throws listing the known names otherwise.
 */
export function selectConnectors(all: ConnectorPackage[], selector: string): ConnectorPackage[] {
  if (selector === 'all') return all;
  const match = all.find((connector) => connector.name === selector || connector.binaryName === selector);
  if (!match) {
    const known = all.map((connector) => connector.name).join(', ') || 'none';
    throw new Error(`unknown connector "${selector}" (known: ${known})`);
  }
  return [match];
}
