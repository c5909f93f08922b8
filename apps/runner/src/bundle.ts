import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { wrapTopLevelAwait } from './entry-wrap.js';
import { nativeAddonPlugin, PREPARE_ADDONS_SPECIFIER, type NativeAddonAsset } from './native-addons.js';

/** The result of {@link bundleEntry}. */
export interface BundleResult {
  /** The CommonJS bundle written. */
  bundlePath: string;
  /** The native addons the bundle loads, to embed as SEA assets. */
  addons: NativeAddonAsset[];
}

/**
 * The runtime module that extracts and loads embedded addons inside the executable: the built
 * `dist/runtime/native-addons.js` next to the CLI, or the TypeScript source when run from `src/`.
 */
export function runtimeModulePath(): string {
  for (const candidate of ['./runtime/native-addons.js', './runtime/native-addons.ts']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('the runtime module runtime/native-addons is missing beside the runner');
}

/**
 * Wraps the entry module's top level in an async function (see {@link wrapTopLevelAwait}) and
 * makes the extraction of the native addons its first import.
 */
function entryPlugin(entry: string): Plugin {
  return {
    name: 'c1-bin-entry',
    setup(pluginBuild) {
      const exactly = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      pluginBuild.onLoad({ filter: exactly }, () => ({
        contents: wrapTopLevelAwait(readFileSync(entry, 'utf8'), entry, [PREPARE_ADDONS_SPECIFIER]),
        loader: /\.[cm]?ts$/.test(entry) ? 'ts' : 'js',
        resolveDir: dirname(entry),
      }));
    },
  };
}

/**
 * Bundles a connector's bin entry and everything it imports into one CommonJS file for the
 * Node version running this process, the form a single executable needs (its `require` only
 * loads built-in modules). Native addons are left out and loaded from SEA assets instead.
 */
export async function bundleEntry(entry: string, bundlePath: string): Promise<BundleResult> {
  const found = new Map<string, NativeAddonAsset>();
  const result = await build({
    entryPoints: [entry],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node}`,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'eof',
    logLevel: 'silent',
    plugins: [entryPlugin(entry), nativeAddonPlugin(runtimeModulePath(), found)],
  });
  // A side-effect-free chunk's bare import (tsup's code splitting of the SDK's subpath entries,
  // which declares `sideEffects: false`) is dropped correctly; every other warning fails the build.
  const warnings = result.warnings.filter((warning) => warning.id !== 'ignored-bare-import').map((warning) => warning.text);
  if (warnings.length > 0) throw new Error(`bundling ${entry} warned: ${warnings.join('; ')}`);
  return { bundlePath, addons: [...found.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
