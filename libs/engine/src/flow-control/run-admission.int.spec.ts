import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlotsStreamId, type CommandMetadata, type WorkflowGraph } from '@weft/domain';
import { PgEventStore, type TailCheckpoint } from '@weft/event-store';
import { defaultRegistry } from '@weft/nodes';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import { createLogger } from '../logger.js';
import { RunAdmission } from './run-admission.js';

const graph: WorkflowGraph = { nodes: [{ id: 'a', type: 'set', config: {} }], edges: [], settings: { maxConcurrentRuns: 1 } };

/** The reactor fed by hand, batch by batch, as its tailer would: the log after `after`, handled (twice, as after a crash before the checkpoint). */
describe('RunAdmission against PostgreSQL', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let store: PgEventStore;
  let aggregates: Aggregates;
  let admission: RunAdmission;
  let checkpoint: TailCheckpoint = { transactionId: '0', globalPosition: 0 };
  const meta = (commandId: string): CommandMetadata => ({ commandId, now: new Date().toISOString(), workspaceId: 'ws' });

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 5 });
    store = new PgEventStore(pool);
    aggregates = createAggregates(store, defaultRegistry().toCatalog());
    admission = new RunAdmission(pool, aggregates, createLogger({}, { silent: true }));
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  /**
   * Hands the reactor the log after its checkpoint, each batch twice, until it has read up to
   * the head (what it appends included). The store reads only below the oldest transaction
   * still open on the whole server (other test files' included), so an empty batch may just
   * mean "not visible yet": wait for it rather than stop short.
   */
  const head = async () => Number((await pool.query<{ n: string }>('SELECT coalesce(max(global_position), 0) AS n FROM events')).rows[0]!.n);
  const react = async () => {
    const deadline = Date.now() + 15_000;
    for (let target = await head(); checkpoint.globalPosition < target; target = await head()) {
      const batch = await store.readAfter(checkpoint, 100);
      if (!batch.length) {
        if (Date.now() > deadline) throw new Error(`the log stayed invisible past position ${checkpoint.globalPosition} (head ${target})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      await admission.handle(batch);
      await admission.handle(batch);
      const last = batch.at(-1)!;
      checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    }
  };
  const slotEvents = async () => (await store.readStream(runSlotsStreamId('w'))).map((e) => `${e.type} ${(e.data as { runId: string }).runId}`);
  const runEvents = async (runId: string) => (await store.readStream(`run-${runId}`)).map((e) => e.type);
  const start = (runId: string) => aggregates.runs.handle({ type: 'StartRun', data: { runId, workflowId: 'w', workflowVersion: 1, graph, input: {} }, metadata: meta(`start-${runId}`) });

  it('admits queued runs one at a time, in order, hands a slot on when a run ends, and withdraws a run cancelled in the queue; replays change nothing', async () => {
    for (const runId of ['r1', 'r2', 'r3']) await start(runId);
    await react();
    expect(await slotEvents()).toEqual(['slot.granted r1', 'slot.queued r2', 'slot.queued r3']);
    expect(await runEvents('r1')).toEqual(['workflow.started', 'run.admitted', 'node.scheduled']);
    expect(await runEvents('r2')).toEqual(['workflow.started']);

    await aggregates.runs.handle({ type: 'CancelRun', data: { runId: 'r2' }, metadata: meta('cancel-r2') });
    await react();
    expect((await slotEvents()).slice(3)).toEqual(['slot.withdrawn r2']);
    expect(await runEvents('r3')).toEqual(['workflow.started']);

    await aggregates.runs.handle({ type: 'CompleteNode', data: { runId: 'r1', nodeId: 'a', attempt: 1, output: {} }, metadata: meta('complete-r1') });
    await react();
    expect((await slotEvents()).slice(4)).toEqual(['slot.released r1', 'slot.granted r3']);
    expect(await runEvents('r3')).toEqual(['workflow.started', 'run.admitted', 'node.scheduled']);
    expect(await runEvents('r2')).toEqual(['workflow.started', 'workflow.finished']);
  });

  it('a run cancelled after its grant, before its admission, is refused admission and gives its slot back when its end is read', async () => {
    await start('r4'); // queued behind r3, which holds the slot
    await react();
    await aggregates.runs.handle({ type: 'CompleteNode', data: { runId: 'r3', nodeId: 'a', attempt: 1, output: {} }, metadata: meta('complete-r3') });
    await aggregates.runs.handle({ type: 'CancelRun', data: { runId: 'r4' }, metadata: meta('cancel-r4') });
    await start('r5');
    await react();
    expect((await slotEvents()).slice(6)).toEqual(['slot.queued r4', 'slot.released r3', 'slot.granted r4', 'slot.released r4', 'slot.granted r5']);
    expect(await runEvents('r4')).toEqual(['workflow.started', 'workflow.finished']);
    expect(await runEvents('r5')).toEqual(['workflow.started', 'run.admitted', 'node.scheduled']);
  });
});
