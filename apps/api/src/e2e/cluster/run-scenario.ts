import pg from 'pg';
import { createLogger, createPlatform, resetReadModels, startProjector, waitForReadModels } from '@weft/engine';
import { testConfig } from '../harness.js';
import { startCluster, type Cluster } from './cluster.js';
import { checkInvariants, readModelChecksum, type InvariantReport } from './invariant-checks.js';
import { publishLoadWorkflow, startRuns } from './load.js';
import type { Scenario } from './scenarios.js';
import type { startSink } from './sink-server.js';
import { createTenant } from './tenant.js';

export type ScenarioResult = InvariantReport & {
  scenario: string;
  faults: string;
  injected: number;
  /** Runs finished with a status other than succeeded (the load has no failing path). */
  notSucceeded: number;
  /** From the last fault to the last run finished. */
  recoverMs: number;
  readModelsEqualRebuild: boolean;
  logs: string;
};

type Sink = Awaited<ReturnType<typeof startSink>>;

/**
 * Starts the cluster (with the scenario's own settings), drives `runs` runs through the
 * public API while the scenario injects its faults, waits for every run to finish (up to
 * `timeoutMs`), then checks the invariants, and that the read models, once caught up,
 * equal a rebuild from position 0. The cluster is stopped before the rebuild.
 */
export type ScenarioOptions = {
  vars: Record<string, string>;
  pool: pg.Pool;
  sink: Sink;
  runs: number;
  /** Runs started at once through the API. */
  concurrency: number;
  /** How long each run waits in its durable delay: keeps the runs in flight together. */
  delaySeconds: number;
  /** Faults go on until at least this many were injected and half the runs have finished. */
  minFaults: number;
  timeoutMs?: number;
};

export async function runScenario(scenario: Scenario, options: ScenarioOptions): Promise<ScenarioResult> {
  const { sink, runs } = options;
  const own = await scenario.setup?.();
  // A scenario with a database of its own is checked there.
  const ownPool = own?.databaseUrl ? new pg.Pool({ connectionString: own.databaseUrl, max: 2 }) : undefined;
  ownPool?.on('error', () => undefined); // its server restarts under it
  const pool = ownPool ?? options.pool;
  const vars = { ...options.vars, ...own?.env };
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster(vars);
    const supervisor = scenario.supervised ? cluster.supervise() : undefined;
    const tenant = await createTenant(cluster.apiUrls);
    const workflowId = await publishLoadWorkflow(tenant, sink.url, options.delaySeconds);
    const hitsBefore = sink.hits.length;
    const injection = scenario.inject(cluster, own ?? {});
    const runIds = await startRuns(tenant, workflowId, runs, options.concurrency);
    const streams = runIds.map((id) => `run-${id}`);
    // While faults go on the database may be restarting: a failed count reads as no progress.
    const finished = async () =>
      Number((await pool.query<{ n: string }>("SELECT count(DISTINCT stream_id) AS n FROM events WHERE type = 'workflow.finished' AND stream_id = ANY($1)", [streams]).catch(() => ({ rows: [{ n: '-1' }] }))).rows[0]!.n);
    // Faults go on until enough were injected and half the runs have finished, then stop; recovery is timed from there.
    const deadline = Date.now() + (options.timeoutMs ?? 150_000);
    const injectedSoFar = () => injection.count() + (supervisor?.count() ?? 0);
    while (Date.now() < deadline && (injectedSoFar() < options.minFaults || (await finished()) < runs / 2)) await new Promise((resolve) => setTimeout(resolve, 200));
    let injected = await injection.stop();
    const faultsEnded = Date.now();
    let lastFinished = faultsEnded;
    for (let done = await finished(); done < runs && Date.now() < deadline; done = await finished()) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      lastFinished = Date.now();
    }
    if (supervisor) injected += await supervisor.stop();
    const report = await checkInvariants(pool, runIds, sink.hits.slice(hitsBefore));
    const outcomes = await pool.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE type = 'workflow.finished' AND data->>'status' <> 'succeeded' AND stream_id = ANY($1)", [streams]);
    const logs = cluster.logs();
    await waitForReadModels(pool, { timeoutMs: 30_000 });
    const before = await readModelChecksum(pool);
    await cluster.stop();
    await rebuildReadModels(vars);
    return {
      scenario: scenario.name,
      faults: scenario.faults,
      injected,
      ...report,
      notSucceeded: Number(outcomes.rows[0]!.n),
      recoverMs: lastFinished - faultsEnded,
      readModelsEqualRebuild: (await readModelChecksum(pool)) === before,
      logs,
    };
  } finally {
    await cluster?.stop();
    await ownPool?.end();
    await own?.teardown();
  }
}

/** Drops the read models and projects them again from position 0, as `npm run rebuild-read-models` does. */
async function rebuildReadModels(vars: Record<string, string>): Promise<void> {
  const platform = await createPlatform(testConfig(vars), { nodes: false, logger: createLogger({}, { silent: true }) });
  try {
    await resetReadModels(platform.pool);
    const projector = startProjector(platform);
    await waitForReadModels(platform.pool, { timeoutMs: 60_000 });
    await projector.stop();
  } finally {
    await platform.close();
  }
}
