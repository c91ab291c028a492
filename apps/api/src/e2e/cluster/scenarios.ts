import { fileURLToPath } from 'node:url';
import { migrate } from '@weft/db';
import { READ_MODELS_TAILER } from '@weft/engine';
import { startPrivateRedis } from '@weft/testing';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { killRandomly } from './chaos.js';
import type { Cluster } from './cluster.js';
import { every, NO_INJECTION, type FaultSize, type InjectContext, type Injection, type ScenarioSetup } from './injection.js';
import { startRuns } from './load.js';
import { startPrivatePostgres } from './private-postgres.js';
import { startProbeWriters } from './probe-writers.js';

export type { FaultSize, InjectContext, Injection, ScenarioCheck, ScenarioSetup } from './injection.js';

export type Scenario = {
  name: string;
  /** What is done to the cluster, for the report (at that size). */
  faults: string | ((size: FaultSize) => string);
  /** Runs in the CI size too (the full size runs every scenario). */
  inCi: boolean;
  /** Faults to inject at least, per size, before they stop (with half the runs finished); the run's default otherwise. */
  minFaults?: Partial<Record<FaultSize, number>>;
  /** Each run is started by sending its start this many times at once, with one idempotency key; the extra copies are the faults. */
  commandCopies?: number;
  /** Runs are started one every this many ms instead of all at once, so events keep flowing while the faults land. */
  startEveryMs?: number;
  /** Settings of its own (e.g. a private Redis it may flush), with what to undo afterwards. */
  setup?(context: { size: FaultSize }): Promise<ScenarioSetup>;
  /** Faults the processes inflict on themselves: a supervisor restarts whatever exits, until every run has finished; its restarts are the faults. */
  supervised?: boolean;
  inject(cluster: Cluster, context: InjectContext): Injection | Promise<Injection>;
};

export const describeFaults = (scenario: Scenario, size: FaultSize): string => (typeof scenario.faults === 'string' ? scenario.faults : scenario.faults(size));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run appends a process makes before the hook takes it down: a full-size run has twelve times the appends of a CI one. */
const exitAfterAppends = (size: FaultSize) => (size === 'full' ? 150 : 25);

/** Projector kills, per size, that must land mid-batch. */
const PROJECTOR_KILLS: Record<FaultSize, number> = { ci: 5, full: 20 };

/**
 * Whether the read-models projector holds a batch: its tailer's session is idle right after
 * reading events (the read is its last statement), so the batch is being applied and the
 * checkpoint not yet saved. A read that found nothing is followed within a millisecond by
 * another statement, so this is almost never a false positive.
 */
async function projectorHoldsBatch(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ holds: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND state = 'idle' AND query LIKE '%pg_snapshot_xmin%') AS holds`,
    [`weft-tailer:${READ_MODELS_TAILER}`],
  );
  return rows[0]?.holds ?? false;
}

/** Whether the read models hold run events the projector's checkpoint has not passed: a batch written but not checkpointed. */
async function projectorWroteUncheckpointed(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ written: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM checkpoints c
         JOIN events e ON (e.transaction_id, e.global_position) > (c.transaction_id::text::xid8, c.position)
         JOIN rm_runs r ON e.stream_id = 'run-' || r.id AND e.version <= r.projected_version
        WHERE c.name = $1) AS written`,
    [READ_MODELS_TAILER],
  );
  return rows[0]?.written ?? false;
}

/** Deliveries of one task before it is dead-lettered, in the poison-node scenario. */
const POISON_DELIVERIES = 3;

export const SCENARIOS: Scenario[] = [
  {
    name: 'worker SIGKILL',
    faults: 'a random worker SIGKILLed every 1.5 s, then restarted',
    inCi: true,
    inject: (cluster) => killRandomly(cluster.byRole('worker'), 1500),
  },
  {
    name: 'every other role SIGKILL',
    faults: 'a random API, relay, projector or scheduler SIGKILLed every 2 s, then restarted',
    inCi: true,
    inject: (cluster) => killRandomly([...cluster.byRole('api'), ...cluster.byRole('relay'), ...cluster.byRole('projector'), ...cluster.byRole('scheduler')], 2000),
  },
  {
    name: 'worker stalled past its lease',
    faults: 'a random worker SIGSTOPped for 5 s (2.5 visibility timeouts), then SIGCONTed, every 6 s',
    inCi: true,
    inject: (cluster) =>
      every(1000, async () => {
        const workers = cluster.byRole('worker');
        const victim = workers[Math.floor(Math.random() * workers.length)]!;
        victim.signal('SIGSTOP');
        await sleep(5000);
        victim.signal('SIGCONT');
      }),
  },
  {
    name: 'Redis FLUSHALL and restart',
    faults: 'FLUSHALL on Redis every 2 s; every third time Redis is restarted empty instead',
    inCi: true,
    async setup() {
      const redis = await startPrivateRedis();
      return { env: { REDIS_URL: redis.url }, redisUrl: redis.url, restartRedis: () => redis.restart(), teardown: () => redis.stop() };
    },
    inject: (_cluster, setup) => {
      let n = 0;
      return every(2000, async () => {
        n += 1;
        if (n % 3 === 0) return setup.restartRedis!();
        const client = new Redis(setup.redisUrl!, { maxRetriesPerRequest: 1 });
        try {
          await client.flushall();
        } finally {
          client.disconnect();
        }
      });
    },
  },
  {
    name: 'exit between commit and publish',
    faults: (size) => `every process exits right after its ${exitAfterAppends(size)}th run append commits, before publishing it (a hook), and is restarted`,
    inCi: true,
    supervised: true,
    setup: ({ size }) => Promise.resolve({ env: { WEFT_FAULT_EXIT_AFTER_RUN_APPENDS: String(exitAfterAppends(size)) }, teardown: () => Promise.resolve() }),
    inject: () => NO_INJECTION,
  },
  {
    name: 'PostgreSQL restart',
    faults: 'PostgreSQL (a server of the test\'s own) restarted (fast shutdown) every 4 s',
    inCi: false,
    async setup() {
      const postgres = await startPrivatePostgres();
      await migrate(postgres.url);
      return { env: { DATABASE_URL: postgres.url }, databaseUrl: postgres.url, restartPostgres: () => postgres.restart(), teardown: () => Promise.resolve(postgres.stop()) };
    },
    inject: (_cluster, setup) => every(4000, () => Promise.resolve(setup.restartPostgres!())),
  },
  {
    name: 'rolling restart',
    faults: 'every process in turn stopped with SIGTERM (graceful) and started again, one every 1 s',
    inCi: false,
    inject: (cluster) => {
      let next = 0;
      return every(1000, async () => {
        const process = cluster.processes[next++ % cluster.processes.length]!;
        await process.stop('SIGTERM');
        await process.restart();
      });
    },
  },
  {
    name: 'projector SIGKILL mid-batch',
    faults: 'the projector process SIGKILLed a random 0.1–0.7 s after each restart, at the first moment it holds a batch it read and has not checkpointed (watched in pg_stat_activity, for at most 3 s), then restarted',
    inCi: true,
    minFaults: PROJECTOR_KILLS,
    // Events flow all along: runs start one at a time, not in one burst.
    startEveryMs: 250,
    inject: (cluster, { pool, size }) => {
      const projector = cluster.byRole('projector')[0]!;
      let kills = 0;
      let holding = 0;
      let written = 0;
      const killing = every(100, async () => {
        await sleep(Math.random() * 600);
        // Its tailer's last statement was the read of a batch: it is applying that batch now.
        const until = Date.now() + 3000;
        let mid = await projectorHoldsBatch(pool);
        while (!mid && Date.now() < until) {
          await sleep(10);
          mid = await projectorHoldsBatch(pool);
        }
        await projector.stop('SIGKILL');
        kills += 1;
        if (mid) holding += 1;
        // Frozen now: run rows written for events its checkpoint has not passed (that batch is applied again after the restart).
        if (await projectorWroteUncheckpointed(pool)) written += 1;
        await projector.restart();
      });
      return {
        // The kills that count towards the minimum are those that landed mid-batch.
        count: () => holding,
        stop: async () => {
          await killing.stop();
          return kills;
        },
        verify: ({ injected }) =>
          Promise.resolve({
            violations: holding >= PROJECTOR_KILLS[size] ? [] : [`only ${holding} kills landed while the projector held a batch, not ${PROJECTOR_KILLS[size]}`],
            note: `${holding} of the ${injected} kills landed while the projector held a batch it had read and not checkpointed, ${written} of them after it had written that batch's run rows`,
          }),
      };
    },
  },
  {
    name: 'the same start sent 10 times at once',
    faults: 'every start of a run sent 10 times concurrently with one idempotency key, over both APIs, half through GraphQL and half through `POST /api/workflows/:id/runs`; the extra copies are the faults',
    inCi: true,
    commandCopies: 10,
    inject: () => NO_INJECTION,
  },
  {
    name: '50 writers committing out of order',
    faults:
      '50 more writers (connections of the test) each creating workflows in a loop through the event store\'s append function, every transaction held open a random 0–300 ms between its insert and its commit, 1 in 10 rolled back; the probe transactions are the faults',
    inCi: true,
    // A server of its own: 50 more connections would crowd the shared test server.
    async setup() {
      const postgres = await startPrivatePostgres();
      await migrate(postgres.url);
      return { env: { DATABASE_URL: postgres.url }, databaseUrl: postgres.url, teardown: () => Promise.resolve(postgres.stop()) };
    },
    inject: (_cluster, { vars }) =>
      startProbeWriters({ databaseUrl: vars.DATABASE_URL!, redisUrl: vars.REDIS_URL!, redisPrefix: vars.WEFT_REDIS_PREFIX!, writers: 50, maxHoldMs: 300, rollbackOneIn: 10 }),
  },
  {
    name: 'poison node',
    faults: `one run of a node that exits its worker process on every attempt, started among the load (a task is delivered at most ${POISON_DELIVERIES} times); a supervisor restarts the worker; the worker deaths are the faults`,
    inCi: true,
    supervised: true,
    minFaults: { ci: POISON_DELIVERIES, full: POISON_DELIVERIES },
    setup: () =>
      Promise.resolve({
        env: { WEFT_NODE_PACKAGES: fileURLToPath(new URL('./poison-node.mjs', import.meta.url)), WEFT_MAX_TASK_DELIVERIES: String(POISON_DELIVERIES) },
        teardown: () => Promise.resolve(),
      }),
    inject: async (_cluster, { tenant }) => {
      const created = await tenant.call<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
        input: { name: 'poison', graph: { nodes: [{ id: 'boom', type: 'test.poison', config: {}, retry: { maxAttempts: 1 } }], edges: [] } },
      });
      await tenant.call('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
      const { runIds } = await startRuns(tenant, created.createWorkflow.id, 1);
      const stream = `run-${runIds[0]!}`;
      return {
        ...NO_INJECTION,
        async verify({ pool, injected }) {
          const deadline = Date.now() + 60_000;
          let finished: { status: string; error?: { code?: string; message?: string; nodeId?: string } } | undefined;
          while (!finished && Date.now() < deadline) {
            const { rows } = await pool.query<{ data: typeof finished }>("SELECT data FROM events WHERE type = 'workflow.finished' AND stream_id = $1", [stream]);
            finished = rows[0]?.data;
            if (!finished) await new Promise((resolve) => setTimeout(resolve, 250));
          }
          const violations: string[] = [];
          if (!finished) violations.push('the poisoned run never finished');
          else if (finished.status !== 'failed' || finished.error?.code !== 'WORKER_CRASHED' || finished.error.nodeId !== 'boom' || !finished.error.message?.includes(`took its worker down ${POISON_DELIVERIES} times`)) {
            violations.push(`the poisoned run finished ${JSON.stringify(finished)}`);
          }
          // Each delivery but the last is fatal to the worker holding it; the last dead-letters the task instead.
          if (injected !== POISON_DELIVERIES) violations.push(`${injected} process restarts, not ${POISON_DELIVERIES}`);
          return {
            violations,
            note: finished ? `the poisoned run ${finished.status} with ${finished.error?.code ?? 'no error'} (“${finished.error?.message ?? ''}”)` : 'the poisoned run never finished',
          };
        },
      };
    },
  },
];
