import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'scim/index': 'src/scim/index.ts',
    'jsonapi/index': 'src/jsonapi/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/setup': 'src/testing/vitest-setup.ts',
    'testing/fast-retry-waits': 'src/testing/fast-retry-waits.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
