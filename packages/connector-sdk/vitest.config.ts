import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig(import.meta.url, { setupFiles: ['./src/testing/vitest-setup.ts'], testTimeout: 30_000, typecheck: true });
