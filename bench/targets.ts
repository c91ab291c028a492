import type { InFlightResult } from './in-flight.js';
import type { SubscriptionResult } from './subscription.js';
import type { WorkloadResult } from './workloads.js';

/** One target of issue 3 next to the measured figure. A miss is reported, never fatal. */
export type TargetCheck = { target: string; goal: string; measured: number; unit: string; pass: boolean };

const RSS_BOUND_MIB = 350;

/** The targets whose measurements this run has (a smoke run has no concurrency 32). */
export function checkTargets(result: { workloads: WorkloadResult[]; subscription: SubscriptionResult; inFlight: InFlightResult }): TargetCheck[] {
  const row = (concurrency: number) => result.workloads.find((w) => w.workload === 'linear10' && w.concurrency === concurrency);
  const checks: TargetCheck[] = [];
  const add = (target: string, goal: string, measured: number, unit: string, pass: boolean) => checks.push({ target, goal, measured, unit, pass });
  const c32 = row(32);
  if (c32) {
    add('linear10 at concurrency 32', '≥ 200 runs/s', c32.runsPerSec, 'runs/s', c32.runsPerSec >= 200);
    add('all Weft processes under linear10 c=32', `≤ ${RSS_BOUND_MIB} MiB RSS`, c32.peakRssMiB, 'MiB', c32.peakRssMiB <= RSS_BOUND_MIB);
  }
  const c1 = row(1);
  if (c1) add('linear10 at concurrency 1, whole run', 'p50 ≤ 15 ms', c1.latencyMs.p50, 'ms', c1.latencyMs.p50 <= 15);
  const sub = result.subscription.latencyMs;
  add('node.completed → graphql-ws subscriber', 'p99 ≤ 25 ms', sub.p99, 'ms', sub.p99 <= 25);
  const flight = result.inFlight;
  add(`${flight.runs} runs in flight: errors`, '0', flight.errors, 'errors', flight.errors === 0);
  add(`${flight.runs} runs in flight: memory`, `≤ ${RSS_BOUND_MIB} MiB RSS`, flight.peakRssMiB, 'MiB', flight.peakRssMiB <= RSS_BOUND_MIB);
  return checks;
}
