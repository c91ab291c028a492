import type pg from 'pg';
import type { Tenant } from './tenant.js';

/** `ci`: what the test suite (`npm test`) runs; `full`: what `npm run faults` runs for docs/RELIABILITY.md. */
export type FaultSize = 'ci' | 'full';

/** What a scenario measured and checked of its own, beyond the invariants every scenario checks. */
export type ScenarioCheck = {
  /** Expectations that did not hold: empty when all held. */
  violations: string[];
  /** What was measured, for the report (one sentence). */
  note: string;
};

/** Faults injected while the load runs: `stop` ends them and says how many in all. */
export type Injection = {
  /** Faults so far that count towards the scenario's minimum (usually every one). */
  count(): number;
  stop(): Promise<number>;
  /**
   * The scenario's own checks, once every run finished and the read models caught up, while
   * the cluster still runs. `injected`: the scenario's faults in all (a supervisor's restarts included).
   */
  verify?(context: { pool: pg.Pool; injected: number }): Promise<ScenarioCheck>;
};

/** Settings of a scenario's own (e.g. a private Redis it may flush), with what to undo afterwards. */
export type ScenarioSetup = {
  env: Record<string, string>;
  teardown(): Promise<void>;
  redisUrl?: string;
  restartRedis?: () => Promise<void>;
  restartPostgres?: () => void;
  /** A database of the scenario's own: the invariants are checked there. */
  databaseUrl?: string;
};

/** What a scenario's faults get to work with, besides the cluster. */
export type InjectContext = Partial<Omit<ScenarioSetup, 'env' | 'teardown'>> & {
  size: FaultSize;
  /** The load's workspace (an admin API key). */
  tenant: Tenant;
  /** The database the cluster uses (the scenario's own when it has one). */
  pool: pg.Pool;
  /** The environment every process of the cluster got (DATABASE_URL, REDIS_URL, WEFT_REDIS_PREFIX, …). */
  vars: Record<string, string>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Repeats `fault` every `everyMs` (from the end of the previous one) until stopped; counts the faults. */
export function every(everyMs: number, fault: () => Promise<void>): Injection {
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

/** No faults of the scenario's own (a hook or the load itself is the fault). */
export const NO_INJECTION: Injection = { count: () => 0, stop: () => Promise.resolve(0) };
