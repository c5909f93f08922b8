import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheRoots, materializeAddon, type AddonFile } from './native-cache.js';

const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runner-cache-'));
  temps.push(dir);
  return dir;
}

function addon(content: string): AddonFile & { reads: number } {
  const bytes = Buffer.from(content);
  const file = {
    fileName: 'demo.node',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    reads: 0,
    bytes: () => {
      file.reads += 1;
      return bytes;
    },
  };
  return file;
}

afterEach(() => {
  for (const dir of temps.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('cacheRoots', () => {
  it('uses C1_NATIVE_CACHE_DIR alone when set', () => {
    expect(cacheRoots({ env: { C1_NATIVE_CACHE_DIR: '/srv/c1', XDG_CACHE_HOME: '/x' }, home: '/h' })).toEqual({
      roots: ['/srv/c1'],
      explicit: true,
    });
  });

  it('prefers XDG_CACHE_HOME, then ~/.cache, and falls back to a per-user temp directory', () => {
    expect(cacheRoots({ env: { XDG_CACHE_HOME: '/x' }, home: '/h', tmp: '/t', uid: 7 }).roots).toEqual([
      '/x/c1-connectors',
      '/t/c1-connectors-7',
    ]);
    expect(cacheRoots({ env: {}, home: '/h', tmp: '/t', uid: 7 }).roots).toEqual(['/h/.cache/c1-connectors', '/t/c1-connectors-7']);
    expect(cacheRoots({ env: {}, tmp: '/t', uid: 7 })).toEqual({ roots: ['/t/c1-connectors-7'], explicit: false });
  });
});

describe('materializeAddon', () => {
  it('writes the addon under its digest in a private directory, readable only by its owner', () => {
    const root = join(tempDir(), 'cache');
    const demo = addon('addon bytes');
    const path = materializeAddon(demo, { roots: [root], explicit: true });
    expect(path).toBe(join(root, demo.sha256, 'demo.node'));
    expect(readFileSync(path, 'utf8')).toBe('addon bytes');
    expect(statSync(path).mode & 0o777).toBe(0o500);
    expect(statSync(join(root, demo.sha256)).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, demo.sha256))).toEqual(['demo.node']);
  });

  it('reuses a cached copy with the right digest and replaces one that differs', () => {
    const root = tempDir();
    const demo = addon('addon bytes');
    const path = materializeAddon(demo, { roots: [root], explicit: true });
    materializeAddon(demo, { roots: [root], explicit: true });
    expect(demo.reads).toBe(1);
    chmodSync(path, 0o600);
    writeFileSync(path, 'tampered');
    materializeAddon(demo, { roots: [root], explicit: true });
    expect(demo.reads).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('addon bytes');
  });

  it('refuses a directory others can write to', () => {
    const root = tempDir();
    const demo = addon('x');
    mkdirSync(join(root, demo.sha256), { mode: 0o700 });
    chmodSync(join(root, demo.sha256), 0o777);
    expect(() => materializeAddon(demo, { roots: [root], explicit: true })).toThrow(
      /cannot extract the native addon demo\.node .*is writable by group or others.* - set C1_NATIVE_CACHE_DIR/,
    );
  });

  it('falls back to the next root when one is unusable, unless the operator named it', () => {
    const base = tempDir();
    const blocked = join(base, 'blocked');
    writeFileSync(blocked, 'a file, not a directory');
    const fallback = join(base, 'fallback');
    const demo = addon('x');
    expect(materializeAddon(demo, { roots: [blocked, fallback], explicit: false })).toBe(join(fallback, demo.sha256, 'demo.node'));
    expect(() => materializeAddon(demo, { roots: [blocked], explicit: true })).toThrow(`${blocked}:`);
  });
});
