import { packageBuild } from '../../tsup.preset.js';

export default packageBuild({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/setup': 'src/testing/vitest-setup.ts',
    'testing/fast-retry-waits': 'src/testing/fast-retry-waits.ts',
  },
  dts: true,
});
