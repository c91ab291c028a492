import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchContext } from './context.js';
import { gql } from './graphql.js';
import { summarize, type Percentiles } from './stats.js';

export type FireJitterResult = {
  seconds: number;
  fires: number;
  /** Occurrences fired twice, and seconds skipped between the first and last fire: both must be 0. */
  duplicates: number;
  skipped: number;
  /** Per fire: the run's workflow.started time minus the occurrence's due time. */
  jitterMs: Percentiles;
};

/** Gives a one-node workflow an every-second schedule for `seconds`, then reads each fire's lateness from the event store. */
export async function measureFireJitter(ctx: BenchContext, workflowId: string): Promise<FireJitterResult> {
  const { stack, pool, options } = ctx;
  const seconds = options.fireJitter.seconds;
  const set = (triggers: unknown) => gql(stack.apiUrl, 'mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { id } }', { w: workflowId, t: triggers });
  await set([{ id: 'tick', kind: 'schedule', cron: '* * * * * *', misfire: 'fire_all' }]);
  await sleep(seconds * 1000);
  await set([]);
  await sleep(1500);
  const { rows } = await pool.query<{ fire_time: string; started_at: string }>(
    `SELECT data->'trigger'->>'fireTime' AS fire_time, data->>'startedAt' AS started_at FROM events
      WHERE type = 'workflow.started' AND data->>'workflowId' = $1 AND data->'trigger'->>'triggerId' = 'tick' ORDER BY 1`,
    [workflowId],
  );
  const times = rows.map((r) => Date.parse(r.fire_time));
  const distinct = new Set(times).size;
  const span = times.length ? (Math.max(...times) - Math.min(...times)) / 1000 + 1 : 0;
  return {
    seconds,
    fires: rows.length,
    duplicates: rows.length - distinct,
    skipped: span - distinct,
    jitterMs: summarize(rows.map((r) => Date.parse(r.started_at) - Date.parse(r.fire_time))),
  };
}
