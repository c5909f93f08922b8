import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverConnectors, readConnectorPackage, selectConnectors } from './connectors.js';

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
  it('rejects a bin without exactly one baton-* entry, naming the package.json', () => {
    expect(() => readConnectorPackage('/p', { name: 'x', version: '1.0.0', bin: { acme: 'main.js' } })).toThrow(
      '/p/package.json must declare exactly one "baton-<name>" bin entry',
    );
    expect(() =>
      readConnectorPackage('/p', { name: 'x', version: '1.0.0', bin: { 'baton-a': 'a.js', 'baton-b': 'b.js' } }),
    ).toThrow('exactly one');
  });

  it('rejects a package without a version', () => {
    expect(() => readConnectorPackage('/p', { name: 'x', bin: { 'baton-x': 'x.js' } })).toThrow('has no name or version');
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
    expect(() => selectConnectors(all, 'okta')).toThrow('unknown connector "okta" (known: acme, zeta)');
  });
});
