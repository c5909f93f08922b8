import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

/** A native addon the bundle needs, embedded in the executable as a SEA asset. */
export interface NativeAddonAsset {
  /** Asset key and cache file stem: the npm package name (`better-sqlite3`). */
  name: string;
  /** The `.node` file on the build machine. */
  path: string;
  /** Hex sha256 of the file. */
  sha256: string;
}

/** How one supported addon package loads its `.node` file, and where that file is. */
interface AddonRule {
  /** npm package name. */
  name: string;
  /** The specifier, as imported from inside the package, that yields the addon. */
  loader: RegExp;
  /** The `.node` file, relative to the package root. */
  file: string;
  /** Whether the loader module exports a function that returns the addon (`bindings`). */
  loaderIsFunction: boolean;
}

/** The addons the SDK depends on. Any other `.node` file fails the build. */
const ADDON_RULES: readonly AddonRule[] = [
  { name: 'better-sqlite3', loader: /^bindings$/, file: 'build/Release/better_sqlite3.node', loaderIsFunction: true },
  { name: 'zstd-napi', loader: /^\.\.\/binding$/, file: 'build/Release/binding.node', loaderIsFunction: false },
];

const NAMESPACE = 'c1-native-addon';

/** Import this specifier first in the entry: it extracts every embedded addon at start-up. */
export const PREPARE_ADDONS_SPECIFIER = 'c1-native-addons:prepare';

/** The package root (nearest package.json with a name) of a file, and that name. */
function owningPackage(file: string): { root: string; name: string } | undefined {
  let dir = dirname(file);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (typeof name === 'string') return { root: dir, name };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * An esbuild plugin that replaces the addons' own loaders (better-sqlite3's `bindings(...)`,
 * zstd-napi's `require('../binding')`) with calls into the runtime module `runtimePath`, which
 * loads the extracted `.node` file with `process.dlopen`, and resolves
 * {@link PREPARE_ADDONS_SPECIFIER} to the runtime's start-up extraction. Each addon found is
 * added to `found`. Any other import of a `.node` file or of `bindings` fails the build.
 */
export function nativeAddonPlugin(runtimePath: string, found: Map<string, NativeAddonAsset>): Plugin {
  return {
    name: 'c1-native-addons',
    setup(build) {
      build.onResolve({ filter: /^c1-native-addons:prepare$/ }, () => ({ path: 'prepare', namespace: NAMESPACE }));
      build.onResolve({ filter: /^(bindings|node-gyp-build|\.\.?\/.*binding|.*\.node)$/ }, (args) => {
        const owner = owningPackage(args.importer);
        const rule = ADDON_RULES.find((candidate) => candidate.name === owner?.name && candidate.loader.test(args.path));
        if (!owner || !rule) {
          if (/\.node$|^bindings$|^node-gyp-build$/.test(args.path)) {
            return { errors: [{ text: `unsupported native addon "${args.path}" imported by ${args.importer}` }] };
          }
          return undefined;
        }
        const path = join(owner.root, rule.file);
        if (!existsSync(path)) {
          return { errors: [{ text: `${path} is missing: install ${rule.name} with its build script allowed` }] };
        }
        const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
        found.set(rule.name, { name: rule.name, path, sha256 });
        return { path: rule.name, namespace: NAMESPACE, pluginData: rule };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const runtime = `require(${JSON.stringify(runtimePath)})`;
        const rule = args.pluginData as AddonRule | undefined;
        const call = rule ? `${runtime}.nativeAddon(${JSON.stringify(rule.name)})` : undefined;
        return {
          contents: call ? `module.exports = ${rule?.loaderIsFunction ? call : `${call}()`};\n` : `${runtime}.prepareNativeAddons();\n`,
          loader: 'js',
          resolveDir: dirname(runtimePath),
        };
      });
    },
  };
}
