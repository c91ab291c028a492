// The full test suite: services up, client generated, build, lint, types, then
// every test (unit, integration, end to end) against the real PostgreSQL and Redis.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { ensureInstall } from './ensure-install.mjs';

ensureInstall();
const { ensureServices } = await import('./services.mjs');

const step = (name, cmd, args, options = {}) => {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env, ...options });
  if (result.status !== 0) {
    console.error(`✖ ${name} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
};

await ensureServices({ databaseUrl: process.env.WEFT_TEST_PG_URL, redisUrl: process.env.WEFT_TEST_REDIS_URL });
step('generate Prisma client', process.execPath, ['scripts/prisma-generate.mjs']);
step('build', process.execPath, ['scripts/build.mjs']);
step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
step('web: typecheck', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json']);
step('web: typecheck browser test', 'npx', ['tsc', '-p', 'apps/web/tsconfig.e2e.json']);
// The browser test's build: Next bakes its proxy target (the API origin) into the build, so
// the API port is chosen now and handed to the test, which listens on it. Skipped when the
// arguments filter the browser test out.
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const browserTests = filters.length === 0 || filters.some((f) => f.startsWith('apps/web') || 'apps/web/src/e2e/'.includes(f));
if (browserTests) {
  const webApiPort = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
  process.env.WEFT_WEB_E2E_API_PORT = String(webApiPort);
  step('web: build', process.execPath, ['../../node_modules/next/dist/bin/next', 'build'], {
    cwd: 'apps/web',
    env: { ...process.env, WEFT_API_ORIGIN: `http://127.0.0.1:${webApiPort}`, WEFT_WEB_DIST_DIR: '.next-e2e', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
}
step('tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]);
