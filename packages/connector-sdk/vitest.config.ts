import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./src/testing/vitest-setup.ts'],
    testTimeout: 30_000,
  },
});
