import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The domain is pure: no framework, database, queue, Node built-ins, clock or randomness. */
export const domainFence = {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@nestjs/*', '@prisma/*', 'ioredis', 'pg', 'node:*'], message: 'libs/domain is pure: no I/O, no framework.' },
        { regex: '^(fs|path|crypto|http|https|net|os|child_process|worker_threads|timers|events|stream|url|util)(/.*)?$', message: 'libs/domain is pure: no Node built-ins.' },
      ] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'libs/domain is pure: config and time arrive as arguments.' }, { name: 'setTimeout', message: 'libs/domain is pure.' }, { name: 'fetch', message: 'libs/domain is pure.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time arrives in command metadata.' }, { object: 'Math', property: 'random', message: 'Ids arrive in command metadata.' }],
    },
  };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'libs/db/src/generated/**', 'apps/web/.next*/**', 'apps/web/src/gql/**', 'apps/web/next-env.d.ts', 'bench/results/**', '.weft/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['apps/web/next.config.ts'] }, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json', conditionNames: ['weft-source', 'types', 'import', 'default'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // NestJS injects by the emitted constructor parameter types: type-only imports would erase them.
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off', '@typescript-eslint/consistent-type-definitions': 'off' },
  },
  domainFence,
  {
    // The browser tests have a tsconfig of their own (Node, not the bundler's settings).
    files: ['apps/web/src/e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './apps/web/tsconfig.e2e.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
