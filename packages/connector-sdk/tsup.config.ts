import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    prelude: 'src/bin/prelude.ts',
    'scim/index': 'src/scim/index.ts',
    'jsonapi/index': 'src/jsonapi/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/setup': 'src/testing/vitest-setup.ts',
    'testing/fast-retry-waits': 'src/testing/fast-retry-waits.ts',
    'service/service-protocol': 'src/service/service-protocol.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  // Keep `node:` on built-in imports: `node:sqlite` exists under that name only.
  removeNodeProtocol: false,
});
