import type { BenchContext } from './context.js';
import { measureCpu } from './cpu.js';
import { countNodeSteps, scheduleToStartMs, sessionsOpened } from './event-queries.js';
import { branchGraph, fanoutGraph, linearGraph, type Graph } from './graphs.js';
import { closedLoop, type Outcome } from './load.js';
import { sampleRss } from './rss.js';
import { round, summarize, type Percentiles } from './stats.js';
import type { RunReply } from './trigger.js';

export type WorkloadName = 'linear10' | 'fanout' | 'branch';
export type Workload = { name: WorkloadName; graph: Graph; input(index: number): unknown };

export const WORKLOADS: Workload[] = [
  { name: 'linear10', graph: linearGraph(10), input: (i) => ({ n: i }) },
  { name: 'fanout', graph: fanoutGraph(10), input: (i) => ({ n: i }) },
  { name: 'branch', graph: branchGraph(), input: (i) => ({ n: i % 2 === 0 ? 10 : 90 }) },
];

export type WorkloadResult = {
  workload: WorkloadName;
  concurrency: number;
  runs: number;
  errors: number;
  errorSamples: string[];
  durationMs: number;
  runsPerSec: number;
  latencyMs: Percentiles;
  /** Completed node attempts (`node.completed` events) of the measured runs. */
  nodeSteps: number;
  nodeStepsPerSec: number;
  scheduleToStartMs: Percentiles;
  peakRssMiB: number;
  /** PostgreSQL connections opened during the runs (pg_stat_database.sessions): a healthy pool opens none. */
  pgSessionsOpened: number;
  /** CPU per run of the four Weft processes and of the load generator; how busy the whole machine was (other work included). */
  cpu: { weftMsPerRun: number; loadGeneratorMsPerRun: number; machineBusyPercent: number };
};

/** A run counts as good only when the trigger answered 200 with `succeeded`. */
export function judge(reply: RunReply): Outcome {
  const ok = reply.httpStatus === 200 && reply.status === 'succeeded';
  const detail = JSON.stringify(reply.error ?? null).slice(0, 160);
  return { ok, runId: reply.runId, ...(ok ? {} : { error: `HTTP ${reply.httpStatus} ${reply.status ?? ''} ${detail}` }) };
}

/** Warms up the workload's published workflow, then measures each concurrency in turn. */
export async function measureWorkload(ctx: BenchContext, workload: Workload, workflowId: string): Promise<WorkloadResult[]> {
  const { options, trigger, stack, pool } = ctx;
  const send = async (index: number) => judge(await trigger.run(workflowId, workload.input(index), options.waitMs));
  await closedLoop({ concurrency: Math.min(4, options.warmupRuns), total: options.warmupRuns, send });
  const results: WorkloadResult[] = [];
  for (const concurrency of options.concurrencies) {
    const rss = sampleRss(stack.pids);
    const cpu = measureCpu(stack.pids());
    const sessionsBefore = await sessionsOpened(pool);
    const deadline = performance.now() + options.phaseLimitMs;
    const load = await closedLoop({ concurrency, total: options.runs, stop: () => performance.now() > deadline, send });
    const cpuUse = cpu.stop();
    const peakRssMiB = rss.stop();
    const pgSessionsOpened = (await sessionsOpened(pool)) - sessionsBefore;
    const nodeSteps = await countNodeSteps(pool, load.runIds);
    const seconds = load.durationMs / 1000;
    const result: WorkloadResult = {
      workload: workload.name,
      concurrency,
      runs: load.requests,
      errors: load.errors,
      errorSamples: load.errorSamples,
      durationMs: Math.round(load.durationMs),
      runsPerSec: round(load.requests / seconds),
      latencyMs: summarize(load.latenciesMs),
      nodeSteps,
      nodeStepsPerSec: round(nodeSteps / seconds),
      scheduleToStartMs: summarize(await scheduleToStartMs(pool, load.runIds)),
      peakRssMiB,
      pgSessionsOpened,
      cpu: { weftMsPerRun: round(cpuUse.weftMs / load.requests), loadGeneratorMsPerRun: round(cpuUse.loadGeneratorMs / load.requests), machineBusyPercent: cpuUse.machineBusyPercent },
    };
    if (load.requests < options.runs) ctx.log(`  ${workload.name} c=${concurrency}: stopped after ${options.phaseLimitMs / 1000} s with ${load.requests} of ${options.runs} runs`);
    ctx.log(
      `  ${workload.name} c=${concurrency}: ${result.runsPerSec} runs/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ` +
        `${result.nodeStepsPerSec} steps/s, ${result.errors} errors, ${peakRssMiB} MiB, ${result.cpu.weftMsPerRun} CPU ms/run, machine ${cpuUse.machineBusyPercent}% busy, ${pgSessionsOpened} PG sessions opened`,
    );
    results.push(result);
  }
  return results;
}
