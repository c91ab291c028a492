import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/** `@weft/<lib>` → `libs/<lib>/src/index.ts`, so tests run the TypeScript sources without a build. */
function libraryAliases(): Record<string, string> {
  const libs = path.resolve(import.meta.dirname, 'libs');
  return Object.fromEntries(
    readdirSync(libs).filter((name) => existsSync(path.join(libs, name, 'src/index.ts'))).map((name) => [`@weft/${name}`, path.join(libs, name, 'src/index.ts')]),
  );
}

/** Browser tests (Playwright in Chromium against the built web app). */
const BROWSER_TESTS = ['apps/web/src/e2e/**/*.e2e.spec.ts'];

// SWC keeps decorator metadata for NestJS.
export default defineConfig({
  plugins: [swc.vite({ tsconfigFile: false, jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, target: 'es2022', keepClassNames: true } })],
  resolve: {
    alias: [
      ...Object.entries(libraryAliases()).map(([find, replacement]) => ({ find, replacement })),
      // graphql ships CJS and ESM builds; Nest loads the CJS one, so tests must too (one realm).
      { find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') },
    ],
  },
  test: {
    globalSetup: ['libs/testing/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    server: { deps: { inline: [/@weft\//] } },
    projects: [
      {
        extends: true,
        test: { name: 'platform', include: ['apps/*/src/**/*.spec.ts', 'libs/*/src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'bench/**/*.spec.ts', 'deploy/**/*.spec.ts'], exclude: [...BROWSER_TESTS, '**/node_modules/**'] },
      },
      // One web build serves every browser test, its API proxied to one port: they run one file at a time.
      { extends: true, test: { name: 'browser', include: BROWSER_TESTS, fileParallelism: false } },
    ],
  },
});
