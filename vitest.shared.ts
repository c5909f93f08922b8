import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/** What a package may set on top of the shared test settings. */
export interface PackageTestOptions {
  setupFiles?: string[];
  testTimeout?: number;
  /** Runs the package's type-level tests (`*.test-d.ts`) with vitest's typecheck. */
  typecheck?: boolean;
}

/**
 * The test settings every package shares: tests beside the code (`src/**\/*.test.ts`) and in
 * `test/`, the default console reporter, and a JSON report in `<root>/.test-results/` that
 * `npm test` sums into one closing line.
 */
export function packageTestConfig(configUrl: string, options: PackageTestOptions = {}): ViteUserConfig {
  const packageDir = dirname(fileURLToPath(configUrl));
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: options.setupFiles ?? [],
      testTimeout: options.testTimeout ?? 60_000,
      ...(options.typecheck && {
        typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: join(packageDir, 'tsconfig.json') },
      }),
      reporters: ['default', ['json', { outputFile: join(root, '.test-results', `${basename(packageDir)}.json`) }]],
    },
  });
}
