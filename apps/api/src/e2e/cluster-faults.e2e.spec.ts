import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { TEST_ORIGIN } from './identity.js';
import { startCluster, type Cluster } from './cluster/cluster.js';
import { checkInvariants } from './cluster/invariant-checks.js';
import { publishLoadWorkflow, startRuns } from './cluster/load.js';
import { writeReliabilityReport } from './cluster/reliability-report.js';
import { runScenario, type ScenarioResult } from './cluster/run-scenario.js';
import { SCENARIOS } from './cluster/scenarios.js';
import { startSink } from './cluster/sink-server.js';
import { createTenant } from './cluster/tenant.js';

/** `WEFT_FAULT_SIZE=full` (npm run faults) runs every scenario under 300 runs and writes docs/RELIABILITY.md; the test suite runs the CI size. */
const FULL = process.env.WEFT_FAULT_SIZE === 'full';
const RUNS = FULL ? 300 : 60;
/** The full size keeps all 300 runs in flight together (started 50 at a time, each waiting 5 s) while faults land. */
const LOAD = FULL ? { concurrency: 50, delaySeconds: 5, minFaults: 8 } : { concurrency: 20, delaySeconds: 1, minFaults: 2 };
const REPORT = process.env.WEFT_FAULT_REPORT;

describe('fault injection on Weft as separate role processes (2 APIs, 3 workers, relay, projector, scheduler)', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let vars: Record<string, string>;
  let cluster: Cluster | undefined;
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
    await cluster?.stop();
    await sink?.close();
    await pool?.end();
    await env?.cleanup();
    if (REPORT && results.length) await writeReliabilityReport(REPORT, results, { runs: RUNS, ...LOAD });
  });

  for (const scenario of SCENARIOS.filter((s) => FULL || s.inCi)) {
    it(`${scenario.name} (${scenario.faults}) under ${RUNS} runs: every run finishes, none lost, no attempt completed twice, effects keyed per attempt, read models equal a rebuild`, { timeout: FULL ? 900_000 : 240_000 }, async () => {
      const result = await runScenario(scenario, { vars, pool, sink, runs: RUNS, ...LOAD, timeoutMs: FULL ? 600_000 : 150_000 });
      results.push(result);
      const { logs, scenario: _name, faults: _faults, injected, recoverMs: _recover, ...checked } = result;
      expect(checked, logs).toEqual({ runs: RUNS, lost: 0, unfinished: 0, duplicates: 0, unstableKeys: 0, missingEffects: 0, notSucceeded: 0, readModelsEqualRebuild: true });
      expect(injected).toBeGreaterThan(0);
    });
  }

  it('dead-letters a node that takes its worker down every time: after it took 3 workers down its run fails with the reason; the other runs are unaffected', { timeout: 240_000 }, async () => {
    cluster = await startCluster({ ...vars, WEFT_NODE_PACKAGES: fileURLToPath(new URL('./cluster/poison-node.mjs', import.meta.url)), WEFT_MAX_TASK_DELIVERIES: '3' });
    const supervisor = cluster.supervise();
    const tenant = await createTenant(cluster.apiUrls);
    const healthy = await publishLoadWorkflow(tenant, sink.url);
    const created = await tenant.call<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
      input: { name: 'poison', graph: { nodes: [{ id: 'boom', type: 'test.poison', config: {}, retry: { maxAttempts: 1 } }], edges: [] } },
    });
    await tenant.call('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
    const [poisoned] = await startRuns(tenant, created.createWorkflow.id, 1);
    const hitsBefore = sink.hits.length;
    const runIds = await startRuns(tenant, healthy, 30);

    const streams = [...runIds, poisoned!].map((id) => `run-${id}`);
    const deadline = Date.now() + 150_000;
    const finishedCount = async () => Number((await pool.query<{ n: string }>("SELECT count(DISTINCT stream_id) AS n FROM events WHERE type = 'workflow.finished' AND stream_id = ANY($1)", [streams])).rows[0]!.n);
    while ((await finishedCount()) < streams.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const restarts = await supervisor.stop();

    expect(await checkInvariants(pool, runIds, sink.hits.slice(hitsBefore)), cluster.logs()).toEqual({ runs: 30, lost: 0, unfinished: 0, duplicates: 0, unstableKeys: 0, missingEffects: 0 });
    const { rows } = await pool.query<{ data: { status: string; error: { code: string; message: string; nodeId: string } } }>("SELECT data FROM events WHERE type = 'workflow.finished' AND stream_id = $1", [`run-${poisoned}`]);
    expect(rows[0]!.data).toMatchObject({ status: 'failed', error: { code: 'WORKER_CRASHED', nodeId: 'boom', message: expect.stringContaining('took its worker down 3 times') } });
    // Three runs of the task, each fatal to the worker holding it; the fourth delivery dead-letters it instead.
    expect(restarts).toBe(3);
    const healthyOutcomes = await pool.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE type = 'workflow.finished' AND data->>'status' = 'succeeded' AND stream_id = ANY($1)", [runIds.map((id) => `run-${id}`)]);
    expect(Number(healthyOutcomes.rows[0]!.n)).toBe(30);
  });
});
