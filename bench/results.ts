import type { Ceilings } from './ceilings.js';
import type { InFlightResult } from './in-flight.js';
import type { FireJitterResult } from './fire-jitter.js';
import type { LogSummary } from './logs.js';
import type { ProcessExit } from './processes.js';
import type { SubscriptionResult } from './subscription.js';
import type { TargetCheck } from './targets.js';
import type { WideFanoutResult } from './wide-fanout.js';
import type { WorkloadResult } from './workloads.js';

/** Weft's throughput over the machine's: node steps/s ÷ ceiling. */
export type Ratios = { stepsPerPgCommitC1: number; stepsPerPgCommitC8: number; stepsPerRedisRoundTrip: number };

/** The results file, `bench/results/<YYYY-MM-DD-HHmm>.json`. */
export type BenchResult = {
  schema: 1;
  mode: 'full' | 'smoke';
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string; redis: string; commit: string; loadAverageAtStart: number };
  stack: {
    trigger: 'http' | 'graphql-poll';
    processes: { name: string; roles: string }[];
    database: string;
    redisPrefix: string;
    logDir: string;
    exits: ProcessExit[];
    logs: LogSummary;
  };
  /** The best of `ceilingSamples`, figure by figure; the ratios use these. */
  ceilings: Ceilings;
  /** Measured before and after the workloads, with Weft stopped. */
  ceilingSamples: Ceilings[];
  workloads: (WorkloadResult & { ratios: Ratios })[];
  subscription: SubscriptionResult;
  inFlight: InFlightResult;
  wideFanout: WideFanoutResult;
  fireJitter: FireJitterResult;
  targets: TargetCheck[];
};

export function ratiosOf(workload: WorkloadResult, ceilings: Ceilings): Ratios {
  const ratio = (value: number, ceiling: number) => Math.round((value / ceiling) * 1000) / 1000;
  return {
    stepsPerPgCommitC1: ratio(workload.nodeStepsPerSec, ceilings.postgres.commitsPerSec.c1),
    stepsPerPgCommitC8: ratio(workload.nodeStepsPerSec, ceilings.postgres.commitsPerSec.c8),
    stepsPerRedisRoundTrip: ratio(workload.nodeStepsPerSec, ceilings.redis.roundTripsPerSec),
  };
}
