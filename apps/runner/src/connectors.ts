import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** A connector package, as the runner builds it: one of this workspace's or a third party's. */
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
export interface PackageJson {
  name?: unknown;
  version?: unknown;
  bin?: unknown;
  dependencies?: unknown;
}

/** The `bin` key prefix of a connector executable; the short name is what follows it. */
const BINARY_PREFIX = 'baton-';

/** The package every buildable connector depends on. */
export const SDK_PACKAGE = '@c1/connector-sdk';

/** `bin` as npm reads it: a string names one executable after the package (without its scope). */
function binEntries(packageName: string, bin: unknown): [string, string][] {
  if (typeof bin === 'string') return [[basename(packageName), bin]];
  if (!bin || typeof bin !== 'object') return [];
  return Object.entries(bin as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/**
 * Reads one connector package from its package.json: its `bin` must name one executable, or
 * exactly one `baton-<name>` among several. Throws an error naming the package.json when not.
 */
export function readConnectorPackage(dir: string, manifest: PackageJson): ConnectorPackage {
  const where = join(dir, 'package.json');
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string') {
    throw new Error(`${where} has no name or version`);
  }
  const entries = binEntries(manifest.name, manifest.bin);
  const batonEntries = entries.filter(([name]) => name.startsWith(BINARY_PREFIX));
  const chosen = entries.length === 1 ? entries : batonEntries;
  const [first] = chosen;
  if (chosen.length !== 1 || !first) {
    throw new Error(`${where} must declare one "bin" entry (or exactly one "${BINARY_PREFIX}<name>" among several)`);
  }
  const [binaryName, entry] = first;
  return {
    name: binaryName.startsWith(BINARY_PREFIX) ? binaryName.slice(BINARY_PREFIX.length) : binaryName,
    binaryName,
    packageName: manifest.name,
    version: manifest.version,
    dir,
    entry: resolve(dir, entry),
  };
}

/**
 * Reads the connector package in `dir`, ours or a third party's: its package.json must depend on
 * `@c1/connector-sdk` and declare the bin (see {@link readConnectorPackage}). Throws an error
 * saying what is missing and what to do.
 */
export function readConnectorPackageDir(dir: string): ConnectorPackage {
  const absolute = resolve(dir);
  const manifestPath = join(absolute, 'package.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} does not exist: pass the directory of a connector package`);
  }
  let manifest: PackageJson;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson;
  } catch (error) {
    throw new Error(`${manifestPath} is not valid JSON: ${(error as Error).message}`);
  }
  const dependencies = manifest.dependencies && typeof manifest.dependencies === 'object' ? manifest.dependencies : {};
  if (!(SDK_PACKAGE in dependencies)) {
    throw new Error(`${manifestPath} has no "${SDK_PACKAGE}" in "dependencies": the runner builds connectors made with the SDK`);
  }
  return readConnectorPackage(absolute, manifest);
}

/** Whether a `build` argument names a package directory (a path, or a directory that exists) rather than a connector. */
export function isPackagePath(selector: string, cwd: string = process.cwd()): boolean {
  if (selector === '.' || selector === '..' || selector.includes('/') || selector.includes('\\')) return true;
  const candidate = resolve(cwd, selector);
  return existsSync(candidate) && statSync(candidate).isDirectory();
}

/** Whether `root` is a checkout of this workspace: it has `pnpm-workspace.yaml` and `packages/`. */
export function isWorkspaceRoot(root: string): boolean {
  return existsSync(join(root, 'pnpm-workspace.yaml')) && existsSync(join(root, 'packages'));
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
    throw new Error(`unknown connector "${selector}" (known: ${known}; or pass a package directory, e.g. ./${selector})`);
  }
  return [match];
}
