// Lint rules for every package: ESLint's and typescript-eslint's recommended sets, so
// mistakes a compiler accepts (unused expressions, stray `any`, misused promises in plain
// code) fail the `lint` task. Formatting is not linted.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '.cache/**',
      '**/node_modules/**',
      'apps/runner/out/**',
      '**/.turbo/**',
      'packages/connector-sdk/compat/**',
      'packages/connector-sdk/src/service/gen/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // A leading underscore marks a value left out on purpose (`const { secret: _secret, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);
