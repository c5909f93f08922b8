import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Lets a bundle import its own `package.json` for the name and version while embedding only
 * those two fields: scripts, dependency ranges and workspace specifiers stay out of `dist/`.
 * The file is read at build time, so a build after `changeset version` carries the new version.
 */
export const packageIdentityPlugin: EsbuildPlugin = {
  name: 'package-identity',
  setup(build) {
    // The module keeps the path as written, so no build machine's directory reaches the bundle.
    build.onResolve({ filter: /(^|\/)package\.json$/ }, (args) => ({
      path: args.path,
      namespace: 'package-identity',
      pluginData: resolve(dirname(args.importer), args.path),
    }));
    build.onLoad({ filter: /.*/, namespace: 'package-identity' }, (args) => {
      const file = args.pluginData as string;
      const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

/**
 * The build every package of the repository shares: ESM for the supported Node lines, type
 * declarations for `dts` entries, no source maps in what is published, and only the name and
 * version of `package.json` embedded.
 */
export function packageBuild(options: Pick<Options, 'entry' | 'dts'>) {
  return defineConfig({
    ...options,
    format: ['esm'],
    sourcemap: false,
    clean: true,
    target: 'node22',
    platform: 'node',
    // Keep `node:` on built-in imports: `node:sqlite` exists under that name only.
    removeNodeProtocol: false,
    esbuildPlugins: [packageIdentityPlugin],
  });
}
