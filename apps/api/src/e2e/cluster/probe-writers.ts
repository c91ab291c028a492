import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { EventFeed } from '@weft/bus';
import { WORKFLOW_STREAM_TYPE, workflowStreamId } from '@weft/domain';
import { DELIVERIES_TAILER, EVENT_TRIGGERS_TAILER, READ_MODELS_TAILER, RUN_ADMISSION_TAILER } from '@weft/engine';
import { appendEvents } from '@weft/event-store';
import type { Injection, ScenarioCheck } from './injection.js';

/** The workspace the probe workflows belong to: nobody's, so no client lists them. */
export const PROBE_WORKSPACE = 'fault-probes';

/** Every tailer a cluster runs (relay, and the projector process's six): each must get past every probe. */
const TAILERS = ['relay', READ_MODELS_TAILER, 'wait-matcher', EVENT_TRIGGERS_TAILER, RUN_ADMISSION_TAILER, 'child-runs', DELIVERIES_TAILER];

type Probe = { workflowId: string; position: number; committed: boolean; overtaken: boolean };

export type ProbeWritersOptions = {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  writers: number;
  /** Each transaction stays open a random 0 to `maxHoldMs` between its insert and its commit. */
  maxHoldMs: number;
  /** One transaction in this many is rolled back instead (its position is a gap no tailer may wait for or publish). */
  rollbackOneIn: number;
};

/**
 * `writers` connections of the test's own, each in a loop: BEGIN; a `workflow.created` (a new
 * workflow in `PROBE_WORKSPACE`, the event the workflow decider emits for createWorkflow)
 * appended through the event store's own append function; a random wait; then the highest
 * position committed by anyone (a new snapshot); COMMIT, or now and then ROLLBACK. A probe is
 * *overtaken* when a later position was already visible before it committed: the case a
 * tailer reading `global_position > last seen` would skip for good.
 *
 * `verify` then checks, with the cluster caught up: every committed probe is on the relay's
 * Redis event feed and in the workflows read model the projector builds, no rolled-back one
 * is; every tailer's checkpoint is past every probe; and at least one probe was overtaken
 * (else the scenario proved nothing).
 */
export function startProbeWriters(options: ProbeWritersOptions): Injection {
  const probes: Probe[] = [];
  const errors: string[] = [];
  let running = true;
  const feed = (redis: Redis) => new EventFeed(redis, options.redisPrefix);
  // Where the feed stood before the first probe: the probes are looked for after it.
  const feedStart = (async () => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const last = (await redis.xrevrange(feed(redis).keys.eventFeed, '+', '-', 'COUNT', 1)) as [string, string[]][];
      return last[0]?.[0] ?? '0-0';
    } finally {
      redis.disconnect();
    }
  })();

  const writer = async (index: number) => {
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: `weft-fault-probe-${index}` });
    client.on('error', (error) => errors.push(`writer ${index}: ${error.message}`));
    await client.connect();
    try {
      for (let seq = 0; running; seq += 1) {
        const workflowId = randomUUID();
        await client.query('BEGIN');
        const appended = await appendEvents(
          client,
          workflowStreamId(workflowId),
          [{ type: 'workflow.created', data: { workflowId, name: `probe ${index}.${seq}`, description: '', graph: { nodes: [], edges: [] }, createdAt: new Date().toISOString() } }],
          { expectedVersion: 0, streamType: WORKFLOW_STREAM_TYPE, workspaceId: PROBE_WORKSPACE, commandId: randomUUID() },
        );
        if (appended.status !== 'appended') throw new Error(`probe ${workflowId}: ${appended.status}`);
        await client.query('SELECT pg_sleep($1)', [(Math.random() * options.maxHoldMs) / 1000]);
        // READ COMMITTED: this statement sees what others committed while this transaction waited.
        const head = await client.query<{ head: string }>('SELECT max(global_position)::text AS head FROM events');
        const committed = Math.floor(Math.random() * options.rollbackOneIn) !== 0;
        await client.query(committed ? 'COMMIT' : 'ROLLBACK');
        probes.push({ workflowId, position: appended.firstPosition, committed, overtaken: Number(head.rows[0]!.head) > appended.firstPosition });
      }
    } catch (error) {
      errors.push(`writer ${index}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const writing = feedStart.then(() => Promise.all(Array.from({ length: options.writers }, (_, i) => writer(i))));

  return {
    count: () => probes.length,
    async stop() {
      running = false;
      await writing;
      return probes.length;
    },
    async verify({ pool }): Promise<ScenarioCheck> {
      const violations = errors.length ? [`${errors.length} writer errors, e.g. ${errors[0]}`] : [];
      const committed = probes.filter((p) => p.committed);
      const rolledBack = probes.filter((p) => !p.committed);
      const overtaken = committed.filter((p) => p.overtaken).length;
      if (!committed.length || !rolledBack.length) violations.push(`${committed.length} probes committed and ${rolledBack.length} rolled back: need both`);
      if (!overtaken) violations.push('no probe committed after a later position was visible: nothing was out of order');

      // Every tailer gets past every probe (the relay's and projector's processes are up).
      const behind = async () => {
        const { rows } = await pool.query<{ name: string; behind: number }>(
          `SELECT c.name, (SELECT count(*)::int FROM events e WHERE e.workspace_id = $2 AND (e.transaction_id, e.global_position) > (c.transaction_id::text::xid8, c.position)) AS behind
             FROM checkpoints c WHERE c.name = ANY($1)`,
          [TAILERS, PROBE_WORKSPACE],
        );
        return [...TAILERS.filter((name) => !rows.some((r) => r.name === name)).map((name) => `${name}: no checkpoint`), ...rows.filter((r) => r.behind > 0).map((r) => `${r.name}: ${r.behind} probes after its checkpoint`)];
      };
      const deadline = Date.now() + 30_000;
      let lagging = await behind();
      while (lagging.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        lagging = await behind();
      }
      if (lagging.length) violations.push(`tailers not past every probe: ${lagging.join('; ')}`);

      // The relay published every committed probe to the feed, and no rolled-back one.
      const published = new Set<string>();
      const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
      try {
        const events = feed(redis);
        const start = await feedStart;
        const first = (await redis.xrange(events.keys.eventFeed, '-', '+', 'COUNT', 1)) as [string, string[]][];
        if (start !== '0-0' && first[0] && compareIds(first[0][0], start) > 0) violations.push('the event feed was trimmed past the start of the scenario');
        for (let after = start; ; ) {
          const page = await events.read(after, 2000);
          if (!page.length) break;
          for (const { event } of page) {
            const { workspaceId, data } = event as { workspaceId?: string; data?: { workflowId?: string } };
            if (workspaceId === PROBE_WORKSPACE && data?.workflowId) published.add(data.workflowId);
          }
          after = page[page.length - 1]!.id;
        }
      } finally {
        redis.disconnect();
      }
      const unpublished = committed.filter((p) => !published.has(p.workflowId)).length;
      const publishedRolledBack = rolledBack.filter((p) => published.has(p.workflowId)).length;
      if (unpublished) violations.push(`${unpublished} committed probes never published on the event feed`);
      if (publishedRolledBack) violations.push(`${publishedRolledBack} rolled-back probes published on the event feed`);

      // The projector built every committed probe workflow, and no rolled-back one.
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM rm_workflows WHERE workspace_id = $1', [PROBE_WORKSPACE]);
      const projected = new Set(rows.map((r) => r.id));
      const unprojected = committed.filter((p) => !projected.has(p.workflowId)).length;
      const projectedRolledBack = rolledBack.filter((p) => projected.has(p.workflowId)).length;
      if (unprojected) violations.push(`${unprojected} committed probes missing from the workflows read model`);
      if (projectedRolledBack) violations.push(`${projectedRolledBack} rolled-back probes in the workflows read model`);

      return {
        violations,
        note:
          `${committed.length} probe transactions committed, ${overtaken} of them after a later position was already visible, and ${rolledBack.length} rolled back; ` +
          `${committed.length - unpublished} of ${committed.length} committed probes on the relay's event feed and ${committed.length - unprojected} in the projector's workflows read model, ` +
          `${publishedRolledBack + projectedRolledBack} rolled-back ones in either; ${TAILERS.length - lagging.length} of ${TAILERS.length} tailers' checkpoints past every probe`,
      };
    },
  };
}

/** Compares two Redis stream entry ids (`ms-seq`). */
function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}
