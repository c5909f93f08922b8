import { packageBuild } from '../../tsup.preset.js';

export default packageBuild({
  entry: {
    index: 'src/index.ts',
    prelude: 'src/bin/prelude.ts',
    bin: 'src/cli/entry.ts',
    declare: 'src/declare.ts',
    'c1z/index': 'src/c1z/index.ts',
    internals: 'src/internals.ts',
    'scim/index': 'src/scim/index.ts',
    'jsonapi/index': 'src/jsonapi/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/setup': 'src/testing/vitest-setup.ts',
    'testing/fast-retry-waits': 'src/testing/fast-retry-waits.ts',
    'service/service-protocol': 'src/service/service-protocol.ts',
  },
  dts: true,
});
