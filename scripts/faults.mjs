// `npm run faults`: the security corpora (their suites, counting what they try and what they
// see refused), then the full fault-injection suite — every scenario of
// apps/api/src/e2e/cluster/scenarios.ts under 300 runs on Weft as separate processes —
// then writes the figures of both to docs/RELIABILITY.md. Needs PostgreSQL and Redis (started if down).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
// Keep this list equal to SECURITY_SUITES there (its unit test checks).
const SECURITY_SUITES = [
  'apps/api/src/e2e/access.e2e.spec.ts',
  'apps/api/src/e2e/abuse.e2e.spec.ts',
  'apps/api/src/e2e/rate-limit.e2e.spec.ts',
  'libs/nodes/src/expressions/expression-escapes.unit.spec.ts',
  'libs/nodes/src/sandbox/escape-corpus.unit.spec.ts',
  'apps/api/src/e2e/ssrf.e2e.spec.ts',
  'apps/api/src/e2e/network-allow-list.e2e.spec.ts',
  'apps/api/src/e2e/credentials.e2e.spec.ts',
  'apps/api/src/e2e/webhooks.e2e.spec.ts',
  'apps/api/src/e2e/malformed-graphs.e2e.spec.ts',
];
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
