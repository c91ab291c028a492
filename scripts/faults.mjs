// `npm run faults`: the security corpora (their suites, counting what they try and what they
// see refused), then the full fault-injection suite — every scenario of
// apps/api/src/e2e/cluster/scenarios.ts under 300 runs on Weft as separate processes —
// then writes the figures of both to docs/RELIABILITY.md. Needs PostgreSQL and Redis (started if down).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

// The security suites, each appending what it tried and saw refused to a fresh tally (one JSON
// line per attack); the report's security section is written from it (security-section.ts).
const SECURITY_SUITES = JSON.parse(readFileSync(new URL('../apps/api/src/e2e/cluster/security-suites.json', import.meta.url), 'utf8'));
const tallyDir = mkdtempSync(path.join(os.tmpdir(), 'weft-security-'));
const securityReport = path.join(tallyDir, 'tally.jsonl');
const security = spawnSync('npx', ['vitest', 'run', '--project', 'platform', ...SECURITY_SUITES], {
  stdio: 'inherit',
  env: { ...process.env, WEFT_SECURITY_REPORT: securityReport },
});
if (security.status !== 0) {
  console.error('faults: the security suites failed');
  rmSync(tallyDir, { recursive: true, force: true });
  process.exit(security.status ?? 1);
}

const run = spawnSync('npx', ['vitest', 'run', '--project', 'platform', 'apps/api/src/e2e/cluster-faults.e2e.spec.ts'], {
  stdio: 'inherit',
  env: { ...process.env, WEFT_FAULT_SIZE: 'full', WEFT_FAULT_REPORT: 'docs/RELIABILITY.md', WEFT_SECURITY_REPORT: securityReport },
});
rmSync(tallyDir, { recursive: true, force: true });
process.exit(run.status ?? 1);
