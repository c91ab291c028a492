import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchContext } from './context.js';
import { delayLateness, runProgress } from './event-queries.js';
import { closedLoop } from './load.js';
import { sampleRss } from './rss.js';
import { summarize, type Percentiles } from './stats.js';

export type InFlightResult = {
  runs: number;
  delaySeconds: number;
  startDurationMs: number;
  startErrors: number;
  /** Runs that ended other than `succeeded`, or had not ended by the deadline. */
  failed: number;
  unfinished: number;
  errors: number;
  errorSamples: string[];
  peakRssMiB: number;
  /** From the last run's delay due time until the read model shows every run finished. */
  allDoneAfterLastDueMs: number;
  /** Per run: finished minus its delay's due time. */
  latenessMs: Percentiles;
};

/** Starts `runs` runs of a delay-then-set workflow at once, then waits (polling `rm_runs`) until all have finished. */
export async function measureInFlight(ctx: BenchContext, workflowId: string): Promise<InFlightResult> {
  const { options, trigger, stack, pool } = ctx;
  const { runs, delaySeconds, startConcurrency } = options.inFlight;
  const rss = sampleRss(stack.pids);
  const started = await closedLoop({ concurrency: startConcurrency, total: runs, send: async (i) => ({ ok: true, runId: await trigger.start(workflowId, { n: i }) }) });
  ctx.log(`  started ${started.runIds.length} runs in ${Math.round(started.durationMs)} ms; waiting for their ${delaySeconds} s delays`);
  const deadline = Date.now() + (delaySeconds + 60) * 1000;
  let progress = await runProgress(pool, started.runIds);
  while (progress.finished < started.runIds.length && Date.now() < deadline) {
    await sleep(250);
    progress = await runProgress(pool, started.runIds);
  }
  const peakRssMiB = rss.stop();
  const lateness = await delayLateness(pool, started.runIds);
  const lastDue = Math.max(...lateness.map((r) => r.dueAt.getTime()));
  const lastFinished = progress.lastFinishedAt?.getTime() ?? Number.NaN;
  const failed = progress.finished - progress.succeeded;
  const unfinished = started.runIds.length - progress.finished;
  return {
    runs,
    delaySeconds,
    startDurationMs: Math.round(started.durationMs),
    startErrors: started.errors,
    failed,
    unfinished,
    errors: started.errors + failed + unfinished,
    errorSamples: started.errorSamples,
    peakRssMiB,
    allDoneAfterLastDueMs: unfinished === 0 ? Math.max(0, lastFinished - lastDue) : Number.NaN,
    latenessMs: summarize(lateness.map((r) => r.finishedAt.getTime() - r.dueAt.getTime())),
  };
}
