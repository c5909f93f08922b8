import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverConnectors, isPackagePath, readConnectorPackage, readConnectorPackageDir, selectConnectors } from './connectors.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const temps: string[] = [];

function workspace(packages: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), 'runner-discovery-'));
  temps.push(root);
  for (const [dir, manifest] of Object.entries(packages)) {
    mkdirSync(join(root, 'packages', dir), { recursive: true });
    writeFileSync(join(root, 'packages', dir, 'package.json'), JSON.stringify(manifest));
  }
  return root;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('discoverConnectors', () => {
  it('finds the connector packages of this workspace by their baton-* bin', () => {
    const names = discoverConnectors(workspaceRoot).map((connector) => connector.binaryName);
    expect(names).toContain('baton-ilert');
    expect(names).toContain('baton-ironclad');
  });

  it('reads name, version and the absolute bin entry, and skips packages without a bin', () => {
    const root = workspace({
      'connector-acme': { name: '@c1/connector-acme', version: '1.2.3', bin: { 'baton-acme': './dist/main.js' } },
      'connector-kit': { name: '@c1/connector-kit', version: '0.0.1' },
      'connector-zeta': { name: '@c1/connector-zeta', version: '2.0.0', bin: { 'baton-zeta': 'dist/main.js' } },
      other: { name: 'other', version: '1.0.0', bin: { 'baton-other': 'x.js' } },
    });
    expect(discoverConnectors(root)).toEqual([
      {
        name: 'acme',
        binaryName: 'baton-acme',
        packageName: '@c1/connector-acme',
        version: '1.2.3',
        dir: join(root, 'packages', 'connector-acme'),
        entry: join(root, 'packages', 'connector-acme', 'dist', 'main.js'),
      },
      expect.objectContaining({ name: 'zeta', entry: join(root, 'packages', 'connector-zeta', 'dist', 'main.js') }),
    ]);
  });
});

describe('readConnectorPackage', () => {
  it('rejects a bin without one entry or exactly one baton-* among several, naming the package.json', () => {
    expect(() => readConnectorPackage('/p', { name: 'x', version: '1.0.0', bin: { a: 'a.js', b: 'b.js' } })).toThrow(
      '/p/package.json must declare one "bin" entry (or exactly one "baton-<name>" among several)',
    );
    expect(() => readConnectorPackage('/p', { name: 'x', version: '1.0.0', bin: { 'baton-a': 'a.js', 'baton-b': 'b.js' } })).toThrow(
      'must declare one "bin" entry',
    );
    expect(() => readConnectorPackage('/p', { name: 'x', version: '1.0.0' })).toThrow('must declare one "bin" entry');
  });

  it('takes the one bin of a third-party package, whatever its name, and a string bin as npm names it', () => {
    expect(readConnectorPackage('/p', { name: 'acme-sync', version: '1.0.0', bin: { 'acme-sync': './main.js' } })).toMatchObject({
      name: 'acme-sync',
      binaryName: 'acme-sync',
      entry: '/p/main.js',
    });
    expect(readConnectorPackage('/p', { name: '@acme/baton-acme', version: '1.0.0', bin: 'dist/main.js' })).toMatchObject({
      name: 'acme',
      binaryName: 'baton-acme',
      entry: '/p/dist/main.js',
    });
    expect(readConnectorPackage('/p', { name: 'x', version: '1.0.0', bin: { 'baton-x': 'x.js', 'x-admin': 'admin.js' } })).toMatchObject({
      binaryName: 'baton-x',
    });
  });

  it('rejects a package without a version', () => {
    expect(() => readConnectorPackage('/p', { name: 'x', bin: { 'baton-x': 'x.js' } })).toThrow('has no name or version');
  });
});

describe('readConnectorPackageDir', () => {
  function packageDir(manifest: object | string): string {
    const dir = mkdtempSync(join(tmpdir(), 'runner-package-'));
    temps.push(dir);
    writeFileSync(join(dir, 'package.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
    return dir;
  }

  it('reads a package built on the SDK from its directory', () => {
    const dir = packageDir({
      name: 'baton-acme',
      version: '1.0.0',
      bin: { 'baton-acme': './dist/main.js' },
      dependencies: { '@c1/connector-sdk': '^0.1.0' },
    });
    expect(readConnectorPackageDir(dir)).toEqual({
      name: 'acme',
      binaryName: 'baton-acme',
      packageName: 'baton-acme',
      version: '1.0.0',
      dir,
      entry: join(dir, 'dist', 'main.js'),
    });
  });

  it('says what is wrong with a directory that is not a connector package', () => {
    const empty = mkdtempSync(join(tmpdir(), 'runner-package-'));
    temps.push(empty);
    expect(() => readConnectorPackageDir(empty)).toThrow(
      `${join(empty, 'package.json')} does not exist: pass the directory of a connector package`,
    );
    expect(() => readConnectorPackageDir(packageDir('{ "name": '))).toThrow('is not valid JSON');
    expect(() => readConnectorPackageDir(packageDir({ name: 'x', version: '1.0.0', bin: { x: 'x.js' } }))).toThrow(
      'has no "@c1/connector-sdk" in "dependencies": the runner builds connectors made with the SDK',
    );
  });
});

describe('isPackagePath', () => {
  it('takes paths and existing directories as package directories, other words as connector names', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'runner-cwd-'));
    temps.push(cwd);
    mkdirSync(join(cwd, 'my-connector'));
    expect(isPackagePath('.', cwd)).toBe(true);
    expect(isPackagePath('./missing', cwd)).toBe(true);
    expect(isPackagePath('my-connector', cwd)).toBe(true);
    expect(isPackagePath('ilert', cwd)).toBe(false);
    expect(isPackagePath('all', cwd)).toBe(false);
  });
});

describe('selectConnectors', () => {
  const all = [
    readConnectorPackage('/a', { name: '@c1/connector-acme', version: '1.0.0', bin: { 'baton-acme': 'm.js' } }),
    readConnectorPackage('/z', { name: '@c1/connector-zeta', version: '1.0.0', bin: { 'baton-zeta': 'm.js' } }),
  ];

  it('selects all, or one by short or executable name', () => {
    expect(selectConnectors(all, 'all')).toEqual(all);
    expect(selectConnectors(all, 'zeta')).toEqual([all[1]]);
    expect(selectConnectors(all, 'baton-acme')).toEqual([all[0]]);
  });

  it('names the known connectors when the selector matches none', () => {
    expect(() => selectConnectors(all, 'okta')).toThrow(
      'unknown connector "okta" (known: acme, zeta; or pass a package directory, e.g. ./okta)',
    );
  });
});
