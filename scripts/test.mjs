// The full test suite: services up, client generated, build, lint, types, then
// every test (unit, integration, end to end) against the real PostgreSQL and Redis.
import { spawnSync } from 'node:child_process';
import { ensureInstall } from './ensure-install.mjs';

ensureInstall();
const { ensureServices } = await import('./services.mjs');

const step = (name, cmd, args) => {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
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
step('tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]);
