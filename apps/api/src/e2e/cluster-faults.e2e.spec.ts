import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { TEST_ORIGIN } from './identity.js';
import { writeReliabilityReport } from './cluster/reliability-report.js';
import { runScenario, type ScenarioResult } from './cluster/run-scenario.js';
import { describeFaults, SCENARIOS, type FaultSize } from './cluster/scenarios.js';
import { startSink } from './cluster/sink-server.js';

/** `WEFT_FAULT_SIZE=full` (npm run faults) runs every scenario under 300 runs and writes docs/RELIABILITY.md; the test suite runs the CI size. */
const SIZE: FaultSize = process.env.WEFT_FAULT_SIZE === 'full' ? 'full' : 'ci';
const FULL = SIZE === 'full';
const CI = { runs: 60, minFaults: 2 };
const RUNS = FULL ? 300 : CI.runs;
/** The full size keeps all 300 runs in flight together (started 50 at a time, each waiting 5 s) while faults land. */
const LOAD = FULL ? { concurrency: 50, delaySeconds: 5, minFaults: 8 } : { concurrency: 20, delaySeconds: 1, minFaults: CI.minFaults };
const REPORT = process.env.WEFT_FAULT_REPORT;

describe('fault injection on Weft as separate role processes (2 APIs, 3 workers, relay, projector, scheduler)', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let vars: Record<string, string>;
  let sink: Awaited<ReturnType<typeof startSink>>;
  const results: ScenarioResult[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
    sink = await startSink(30);
    vars = {
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      WEFT_REDIS_PREFIX: env.redisPrefix,
      NODE_ENV: 'test',
      WEFT_PUBLIC_URL: TEST_ORIGIN,
      WEFT_SIGN_IN_RATE: '1000',
      WEFT_HTTP_ALLOW: '127.0.0.1',
      WEFT_VISIBILITY_TIMEOUT_MS: '2000',
      // Eight processes share the test server's connections with the rest of the suite.
      WEFT_PG_POOL_SIZE: '3',
    };
  });
  afterAll(async () => {
    await sink?.close();
    await pool?.end();
    await env?.cleanup();
    if (REPORT && results.length) await writeReliabilityReport(REPORT, results, { runs: RUNS, ...LOAD, ci: CI });
  });

  for (const scenario of SCENARIOS.filter((s) => FULL || s.inCi)) {
    it(`${scenario.name} (${describeFaults(scenario, SIZE)}) under ${RUNS} runs: every run finishes, none lost, no attempt completed twice, no run started twice, effects keyed per attempt, the scenario's own checks hold, read models equal a rebuild`, { timeout: FULL ? 900_000 : 240_000 }, async () => {
      const result = await runScenario(scenario, { size: SIZE, vars, pool, sink, runs: RUNS, ...LOAD, timeoutMs: FULL ? 600_000 : 150_000 });
      results.push(result);
      const { logs, scenario: _name, load: _load, faults: _faults, injected, minFaults, note: _note, retried: _retried, recoverMs: _recover, ...checked } = result;
      expect(checked, logs).toEqual({ runs: RUNS, lost: 0, unfinished: 0, duplicates: 0, duplicateRuns: 0, unstableKeys: 0, missingEffects: 0, notSucceeded: 0, violations: [], readModelsEqualRebuild: true });
      expect(injected).toBeGreaterThanOrEqual(minFaults);
    });
  }
});
