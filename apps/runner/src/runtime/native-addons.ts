/**
 * Native addons inside a single executable: each `.node` file travels as a SEA asset, is
 * extracted at start-up into a private cache directory and loaded with `process.dlopen` when
 * first used. The build rewrites the addons' own loaders (`bindings(...)`,
 * `require('../binding')`) to {@link nativeAddon} and makes {@link prepareNativeAddons} the
 * first thing the executable runs.
 */
import { getRawAsset, isSea } from 'node:sea';
import { ADDON_INDEX_ASSET, type AddonIndexEntry } from './contract.js';
import { materializeAddon, processCacheRoots } from './native-cache.js';

let extracted: Map<string, string> | undefined;

/**
 * Extracts every embedded addon (or verifies the cached copies) and returns their paths by name.
 * Runs once; running `<binary> --version` therefore fills the cache, e.g. in an image build.
 */
export function prepareNativeAddons(): ReadonlyMap<string, string> {
  if (extracted) return extracted;
  if (!isSea()) throw new Error('embedded native addons are only available inside a single executable');
  const index = JSON.parse(assetText(ADDON_INDEX_ASSET)) as AddonIndexEntry[];
  const roots = processCacheRoots();
  const paths = new Map<string, string>();
  for (const addon of index) {
    const file = { fileName: `${addon.name}.node`, sha256: addon.sha256, bytes: () => new Uint8Array(assetBytes(addon.name)) };
    paths.set(addon.name, materializeAddon(file, roots));
  }
  extracted = paths;
  return paths;
}

/** A function that loads the embedded addon `name` on first call and returns its exports. */
export function nativeAddon(name: string): () => unknown {
  let exports: unknown;
  return () => {
    if (exports === undefined) {
      const path = prepareNativeAddons().get(name);
      if (!path) throw new Error(`the native addon ${name} is not embedded in this executable`);
      const module = { exports: {} as unknown };
      process.dlopen(module, path);
      exports = module.exports;
    }
    return exports;
  };
}

function assetBytes(name: string): ArrayBuffer {
  const asset = getRawAsset(name);
  if (typeof asset === 'string') throw new Error(`the SEA asset ${name} is not binary`);
  return asset;
}

function assetText(name: string): string {
  const asset = getRawAsset(name);
  return typeof asset === 'string' ? asset : Buffer.from(asset).toString('utf8');
}
