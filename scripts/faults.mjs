// `npm run faults`: the full fault-injection suite — every scenario of
// apps/api/src/e2e/cluster/scenarios.ts under 300 runs on Weft as separate processes —
// then writes its figures to docs/RELIABILITY.md. Needs PostgreSQL and Redis (started if down).
import { spawnSync } from 'node:child_process';
import { ensureInstall } from './ensure-install.mjs';

ensureInstall();
const { ensureServices } = await import('./services.mjs');
await ensureServices({ databaseUrl: process.env.WEFT_TEST_PG_URL, redisUrl: process.env.WEFT_TEST_REDIS_URL });
for (const [what, args] of [
  ['build', ['scripts/prisma-generate.mjs']],
  ['build', ['scripts/build.mjs']],
]) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`faults: ${what} failed`);
    process.exit(result.status ?? 1);
  }
}
const run = spawnSync('npx', ['vitest', 'run', '--project', 'platform', 'apps/api/src/e2e/cluster-faults.e2e.spec.ts'], {
  stdio: 'inherit',
  env: { ...process.env, WEFT_FAULT_SIZE: 'full', WEFT_FAULT_REPORT: 'docs/RELIABILITY.md' },
});
process.exit(run.status ?? 1);
