import pg from 'pg';
import { createLogger, createPlatform, resetReadModels, startProjector, waitForReadModels } from '@weft/engine';
import { testConfig } from '../harness.js';
import { startCluster, type Cluster } from './cluster.js';
import { checkInvariants, readModelChecksum, type InvariantReport } from './invariant-checks.js';
import { publishLoadWorkflow, startRuns } from './load.js';
import { describeFaults, type FaultSize, type Scenario } from './scenarios.js';
import type { startSink } from './sink-server.js';
import { createTenant } from './tenant.js';

export type ScenarioResult = InvariantReport & {
  scenario: string;
  /** The load, for the report. */
  load: string;
  faults: string;
  injected: number;
  /** Faults there had to be at least before they stopped. */
  minFaults: number;
  /** The scenario's own checks that failed (empty when all held), and what it measured. */
  violations: string[];
  note: string;
  /** Start requests the client sent again (a process down, a copy refused): not an error, measured. */
  retried: number;
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
  size: FaultSize;
  vars: Record<string, string>;
  pool: pg.Pool;
  sink: Sink;
  runs: number;
  /** Runs started at once through the API. */
  concurrency: number;
  /** How long each run waits in its durable delay: keeps the runs in flight together. */
  delaySeconds: number;
  /** Faults go on until at least this many (or the scenario's own minimum) were injected and half the runs have finished. */
  minFaults: number;
  timeoutMs?: number;
};

export async function runScenario(scenario: Scenario, options: ScenarioOptions): Promise<ScenarioResult> {
  const { sink, runs, size } = options;
  const own = await scenario.setup?.({ size });
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
    const injection = await scenario.inject(cluster, { ...own, size, tenant, pool, vars });
    const started = await startRuns(tenant, workflowId, runs, { concurrency: options.concurrency, copies: scenario.commandCopies ?? 1, everyMs: scenario.startEveryMs ?? 0 });
    const { runIds } = started;
    const minFaults = scenario.minFaults?.[size] ?? options.minFaults;
    const streams = runIds.map((id) => `run-${id}`);
    // While faults go on the database may be restarting: a failed count reads as no progress.
    const finished = async () =>
      Number((await pool.query<{ n: string }>("SELECT count(DISTINCT stream_id) AS n FROM events WHERE type = 'workflow.finished' AND stream_id = ANY($1)", [streams]).catch(() => ({ rows: [{ n: '-1' }] }))).rows[0]!.n);
    // Faults go on until enough were injected and half the runs have finished, then stop; recovery is timed from there.
    const deadline = Date.now() + (options.timeoutMs ?? 150_000);
    const injectedSoFar = () => injection.count() + (supervisor?.count() ?? 0) + started.extraCopies;
    while (Date.now() < deadline && (injectedSoFar() < minFaults || (await finished()) < runs / 2)) await new Promise((resolve) => setTimeout(resolve, 200));
    let injected = (await injection.stop()) + started.extraCopies;
    const faultsEnded = Date.now();
    let lastFinished = faultsEnded;
    for (let done = await finished(); done < runs && Date.now() < deadline; done = await finished()) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      lastFinished = Date.now();
    }
    if (supervisor) injected += await supervisor.stop();
    const report = await checkInvariants(pool, runIds, sink.hits.slice(hitsBefore), { workflowId, conflictingAnswers: started.conflictingAnswers });
    const outcomes = await pool.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE type = 'workflow.finished' AND data->>'status' <> 'succeeded' AND stream_id = ANY($1)", [streams]);
    const logs = cluster.logs();
    await waitForReadModels(pool, { timeoutMs: 30_000 });
    const checked = (await injection.verify?.({ pool, injected })) ?? { violations: [], note: '' };
    const copies = scenario.commandCopies ?? 1;
    if (copies > 1) {
      const sent = runs * copies + started.retried;
      checked.note = [checked.note, `${runs * copies} copies answered with ${runIds.length} runs, ${started.conflictingAnswers} keys with two; ${started.retried} of ${sent} requests refused and sent again`].filter(Boolean).join('; ');
    }
    // A scenario's check may have waited for more events (the poison node's run fails after the
    // load's runs finished): the read models are compared once they have caught up with those too.
    await waitForReadModels(pool, { timeoutMs: 30_000 });
    const before = await readModelChecksum(pool);
    await cluster.stop();
    await rebuildReadModels(vars);
    return {
      scenario: scenario.name,
      load: `${runs} runs through 2 APIs, ${scenario.startEveryMs ? `one started every ${scenario.startEveryMs / 1000} s` : `${options.concurrency} started at a time`}, each in flight ≥ ${options.delaySeconds} s`,
      faults: describeFaults(scenario, size),
      injected,
      minFaults,
      violations: checked.violations,
      note: checked.note,
      retried: started.retried,
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
