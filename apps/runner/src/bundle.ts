import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build, type Plugin } from 'esbuild-wasm';
import { wrapTopLevelAwait } from './entry-wrap.js';

/** Wraps the entry module's top level in an async function (see {@link wrapTopLevelAwait}). */
function entryPlugin(entry: string): Plugin {
  return {
    name: 'c1-bin-entry',
    setup(pluginBuild) {
      const exactly = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      pluginBuild.onLoad({ filter: exactly }, () => ({
        contents: wrapTopLevelAwait(readFileSync(entry, 'utf8'), entry),
        loader: /\.[cm]?ts$/.test(entry) ? 'ts' : 'js',
        resolveDir: dirname(entry),
      }));
    },
  };
}

/**
 * Bundles a connector's bin entry and everything it imports into one CommonJS file for the
 * Node version running this process, the form a single executable needs (its `require` only
 * loads built-in modules), and returns its path. The SDK needs no native addon (its store uses
 * the built-in `node:sqlite` and `node:zlib`), so any import of a `.node` file fails the build.
 */
export async function bundleEntry(entry: string, bundlePath: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node}`,
    // No whitespace minification: a start-up error (an unwritable cache or file) then shows
    // one short source line in Node's report, never a line holding the whole bundle.
    minifySyntax: true,
    legalComments: 'eof',
    logLevel: 'silent',
    plugins: [entryPlugin(entry)],
  });
  // A side-effect-free chunk's bare import (tsup's code splitting of the SDK's subpath entries,
  // which declares `sideEffects: false`) is dropped correctly; every other warning fails the build.
  const warnings = result.warnings.filter((warning) => warning.id !== 'ignored-bare-import').map((warning) => warning.text);
  if (warnings.length > 0) throw new Error(`bundling ${entry} warned: ${warnings.join('; ')}`);
  return bundlePath;
}
