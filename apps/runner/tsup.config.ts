import { defineConfig } from 'tsup';

export default defineConfig({
  // The runtime module is shipped as a file of its own: `build` bundles it into every binary.
  entry: ['src/cli.ts', 'src/runtime/native-addons.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  // `node:sea` only exists with its scheme.
  removeNodeProtocol: false,
});
