import type { Plugin } from 'esbuild-wasm';

/**
 * The SEA asset an executable carries the connector's complete bundle in: the key the SDK's bin
 * entry (`runConnectorBin`, its `SEA_FULL_CLI_ASSET`) reads when a command needs more than the
 * connector's identity.
 */
export const FULL_CLI_ASSET = 'c1-full-cli.cjs';

/**
 * Leaves every dynamic `import()` out of a bundle, so the executable's start script holds only
 * what a bin imports statically: the connector's identity and the SDK's bin entry, enough for
 * `--help` and `--version`. Everything a bin imports dynamically is in {@link FULL_CLI_ASSET},
 * which the bin entry runs in place of those imports; the start script never evaluates them.
 */
export const startScriptPlugin: Plugin = {
  name: 'c1-start-script',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};
