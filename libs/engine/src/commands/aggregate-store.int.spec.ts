import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, runStreamId, type ActiveRunState, type CommandMetadata, type RunCommand, type WorkflowGraph } from '@weft/domain';
import { PgEventStore } from '@weft/event-store';
import { defaultRegistry } from '@weft/nodes';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { createAggregates, type Aggregates } from './aggregates.js';

const fanout: WorkflowGraph = {
  nodes: [
    { id: 'p1', type: 'set', config: { values: { a: 1 } } },
    { id: 'p2', type: 'set', config: { values: { b: 2 } } },
    { id: 'm', type: 'merge', config: {} },
  ],
  edges: [
    { id: 'e1', source: 'p1', target: 'm' },
    { id: 'e2', source: 'p2', target: 'm' },
  ],
};

describe('AggregateStore against PostgreSQL', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  /** Two independent command handlers, as two processes would have (separate caches). */
  let a: Aggregates;
  let b: Aggregates;
  const meta = (commandId: string, workspaceId = 'ws'): CommandMetadata => ({ commandId, now: new Date().toISOString(), workspaceId });

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 20 });
    const catalog = defaultRegistry().toCatalog();
    a = createAggregates(new PgEventStore(pool), catalog);
    b = createAggregates(new PgEventStore(pool), catalog);
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  const startFanout = async (runId: string) => {
    await a.runs.handle({ type: 'StartRun', data: { runId, workflowId: 'w', workflowVersion: 1, graph: fanout, input: {} }, metadata: meta(`start-${runId}`) });
  };
  const complete = (runId: string, nodeId: string, commandId: string): RunCommand => ({
    type: 'CompleteNode',
    data: { runId, nodeId, attempt: 1, output: { [nodeId]: true } },
    metadata: meta(commandId),
  });

  it('lets two commands racing on one run both land: the loser decides again on the new version', async () => {
    const runId = crypto.randomUUID();
    await startFanout(runId);
    await a.runs.load(runStreamId(runId));
    await b.runs.load(runStreamId(runId)); // both caches now hold version 3
    const [first, second] = await Promise.all([a.runs.handle(complete(runId, 'p1', 'c1')), b.runs.handle(complete(runId, 'p2', 'c2'))]);
    expect([first.duplicate, second.duplicate]).toEqual([false, false]);
    const events = await new PgEventStore(pool).readStream(runStreamId(runId));
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'node.scheduled' && (e.data as { nodeId: string }).nodeId === 'm')).toHaveLength(1);
  });

  it('appends a command sent 10 times concurrently only once', async () => {
    const runId = crypto.randomUUID();
    await startFanout(runId);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).runs.handle(complete(runId, 'p1', `same-${runId}`))));
    const events = await new PgEventStore(pool).readStream(runStreamId(runId));
    expect(events.filter((e) => e.type === 'node.completed')).toHaveLength(1);
    expect(results.filter((r) => r.events.length > 0)).toHaveLength(1);
    const { state } = await a.runs.load(runStreamId(runId));
    expect((state as ActiveRunState).nodes.p1?.status).toBe('completed');
  });

  it('treats a stream of another workspace as not found and appends nothing', async () => {
    const runId = crypto.randomUUID();
    await startFanout(runId);
    const before = (await new PgEventStore(pool).readStream(runStreamId(runId))).length;
    await expect(a.runs.handle({ type: 'CancelRun', data: { runId }, metadata: meta('x', 'other-ws') })).rejects.toBeInstanceOf(NotFoundError);
    expect((await a.runs.loadInWorkspace(runStreamId(runId), 'other-ws')).state.status).toBe('none');
    expect(await new PgEventStore(pool).readStream(runStreamId(runId))).toHaveLength(before);
  });
});
