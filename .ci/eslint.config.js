// typescript-eslint's recommended rules over the sources, tests and benches. Kept in .ci/ (the top level is fixed);
// With --config, ESLint reads the file patterns against the working folder: run it from the repository's root.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  { extends: [globalIgnores(['dist/**', 'node_modules/**', 'dags-out/**', 'coverage/**', '.scratch/**'])] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'vitest.config.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // `_name` marks a value taken apart on purpose (a destructured key left out of a copy).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON bodies of every shape; `any` there is the honest type.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
]);
