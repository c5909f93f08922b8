import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/setup': 'src/testing/vitest-setup.ts',
    'testing/fast-retry-waits': 'src/testing/fast-retry-waits.ts',
    'service/service-protocol': 'src/service/service-protocol.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
