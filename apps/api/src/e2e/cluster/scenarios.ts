import { migrate } from '@weft/db';
import { startPrivateRedis } from '@weft/testing';
import { Redis } from 'ioredis';
import { killRandomly } from './chaos.js';
import type { Cluster } from './cluster.js';
import { startPrivatePostgres } from './private-postgres.js';

/** Faults injected while the load runs: how many so far; `stop` ends them and says how many in all. */
export type Injection = { count(): number; stop(): Promise<number> };

export type Scenario = {
  name: string;
  /** What is done to the cluster, for the report. */
  faults: string;
  /** Runs in the CI size too (the full size runs every scenario). */
  inCi: boolean;
  /** Settings of its own (e.g. a private Redis it may flush), with what to undo afterwards. */
  setup?(): Promise<{ env: Record<string, string>; teardown(): Promise<void>; redisUrl?: string; restartRedis?: () => Promise<void>; restartPostgres?: () => void; databaseUrl?: string }>;
  /** Faults the processes inflict on themselves: a supervisor restarts whatever exits, until every run has finished; its restarts are the faults. */
  supervised?: boolean;
  inject(cluster: Cluster, setup: { redisUrl?: string; restartRedis?: () => Promise<void>; restartPostgres?: () => void }): Injection;
};

/** Run appends a process makes before the hook takes it down: a full-size run has twelve times the appends of a CI one. */
const EXIT_AFTER_APPENDS = process.env.WEFT_FAULT_SIZE === 'full' ? 150 : 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Repeats `fault` every `everyMs` until stopped; counts the faults. */
function every(everyMs: number, fault: () => Promise<void>): Injection {
  let faults = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      await sleep(everyMs);
      if (!running) break;
      await fault();
      faults += 1;
    }
  })();
  return {
    count: () => faults,
    async stop() {
      running = false;
      await loop;
      return faults;
    },
  };
}

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
    faults: `every process exits right after its ${EXIT_AFTER_APPENDS}th run append commits, before publishing it (a hook), and is restarted`,
    inCi: true,
    supervised: true,
    setup: () => Promise.resolve({ env: { WEFT_FAULT_EXIT_AFTER_RUN_APPENDS: String(EXIT_AFTER_APPENDS) }, teardown: () => Promise.resolve() }),
    inject: () => ({ count: () => 0, stop: () => Promise.resolve(0) }),
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
];
