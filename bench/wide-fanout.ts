import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchContext } from './context.js';
import { countNodeSteps, runProgress } from './event-queries.js';
import { median, round } from './stats.js';

export type WideFanoutResult = { width: number; repeats: number; medianMs: number; minMs: number; maxMs: number; nodeStepsPerRun: number; errors: number; errorSamples: string[] };

const LIMIT_MS = 300_000;

/**
 * Time to completion of one run of start → `width` parallel set nodes → merge, alone on
 * the stack; median of `repeats`. A run that outlasts the trigger's wait is followed in
 * `rm_runs` (up to 5 minutes), so a slow run is timed rather than counted as an error.
 */
export async function measureWideFanout(ctx: BenchContext, workflowId: string): Promise<WideFanoutResult> {
  const { options, trigger, pool } = ctx;
  const { width, repeats } = options.wideFanout;
  const timesMs: number[] = [];
  const runIds: string[] = [];
  const errorSamples: string[] = [];
  for (let i = 0; i < repeats; i++) {
    const sent = performance.now();
    const reply = await trigger.run(workflowId, { n: i }, options.waitMs);
    let status = reply.status;
    if (reply.httpStatus === 202 && reply.runId) {
      const ids = [reply.runId];
      while ((await runProgress(pool, ids)).finished === 0 && performance.now() - sent < LIMIT_MS) await sleep(50);
      const progress = await runProgress(pool, ids);
      status = progress.finished === 0 ? 'running' : progress.succeeded === 1 ? 'succeeded' : 'failed';
    }
    timesMs.push(performance.now() - sent);
    if (reply.runId) runIds.push(reply.runId);
    if (status !== 'succeeded') errorSamples.push(`run ${reply.runId ?? '?'}: HTTP ${reply.httpStatus}, ${status ?? JSON.stringify(reply.error)}`);
  }
  return {
    width,
    repeats,
    medianMs: round(median(timesMs)),
    minMs: round(Math.min(...timesMs)),
    maxMs: round(Math.max(...timesMs)),
    nodeStepsPerRun: runIds.length ? (await countNodeSteps(pool, runIds)) / runIds.length : 0,
    errors: errorSamples.length,
    errorSamples: errorSamples.slice(0, 5),
  };
}
