import { packageBuild } from '../../tsup.preset.js';

export default packageBuild({ entry: ['src/index.ts', 'src/main.ts'], dts: { entry: 'src/index.ts' } });
