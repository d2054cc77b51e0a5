import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'models', 'dist', '**/dist', 'test-artifacts', 'eval/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration once in server/config or a CLI entry point.',
        },
      ],
    },
  },
  {
    // Entry points and the config loader are the only places allowed to read the environment.
    files: ['server/config/**', '**/cli.ts', '**/*-cli.ts', 'eval/bench.ts', 'scripts/**', '**/*.test.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The store is async: a store call that is not awaited can lose a write or an error, and a promise where
    // a callback's result is ignored drops its rejection. Type-aware, so only where it earns its time.
    files: ['server/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
