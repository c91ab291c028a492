import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStreamId, type ActiveRunState, type CommandMetadata } from '@weft/domain';
import { PgEventStore } from '@weft/event-store';
import * as nodes from '@weft/nodes';
import { createGuardedFetch, defaultRegistry } from '@weft/nodes';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import { createLogger } from '../logger.js';
import { TaskProcessor } from './task-processor.js';

describe('TaskProcessor', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let aggregates: Aggregates;
  let processor: TaskProcessor;
  const meta = (commandId: string): CommandMetadata => ({ commandId, now: new Date().toISOString(), workspaceId: 'ws' });
  const task = (runId: string, nodeId: string, attempt = 1) => ({ runId, nodeId, attempt, workspaceId: 'ws', scheduledAt: new Date().toISOString() });
  const signal = new AbortController().signal;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl });
    const registry = defaultRegistry();
    aggregates = createAggregates(new PgEventStore(pool), registry.toCatalog());
    processor = new TaskProcessor({ aggregates, nodes, registry, services: { fetch: createGuardedFetch({ allow: [] }), now: () => new Date() }, workerId: 'test', logger: createLogger({}, { silent: true }) });
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  const start = async (graph: unknown, input: unknown = { n: 2 }) => {
    const runId = crypto.randomUUID();
    await aggregates.runs.handle({ type: 'StartRun', data: { runId, workflowId: 'w', workflowVersion: 1, graph: graph as never, input: input as never }, metadata: meta(`s-${runId}`) });
    return runId;
  };
  const events = async (runId: string) => (await new PgEventStore(pool).readStream(runStreamId(runId))).map((e) => e.type);

  it('executes a node, resolving expressions, and reports its output; a redelivered task is dropped', async () => {
    const runId = await start({ nodes: [{ id: 'a', type: 'set', config: { values: { double: '{{ n * 2 }}' } } }], edges: [] });
    expect(await processor.process(task(runId, 'a'), signal)).toBe('completed');
    const { state } = await aggregates.runs.load(runStreamId(runId));
    expect((state as ActiveRunState).output).toEqual({ n: 2, double: 4 });
    const before = await events(runId);
    expect(await processor.process(task(runId, 'a'), signal)).toBe('dropped');
    expect(await events(runId)).toEqual(before);
  });

  it('drops a task whose run was cancelled before it started: the node never runs', async () => {
    const runId = await start({ nodes: [{ id: 'a', type: 'set', config: { values: {} } }], edges: [] });
    await aggregates.runs.handle({ type: 'CancelRun', data: { runId }, metadata: meta(`c-${runId}`) });
    expect(await processor.process(task(runId, 'a'), signal)).toBe('dropped');
    expect(await events(runId)).toEqual(['workflow.started', 'node.scheduled', 'workflow.finished']);
  });

  it('refuses a result for an attempt that is not current', async () => {
    const runId = await start({ nodes: [{ id: 'a', type: 'set', config: { values: {} } }], edges: [] });
    expect(await processor.process(task(runId, 'a', 2), signal)).toBe('dropped');
    expect(await events(runId)).toEqual(['workflow.started', 'node.scheduled']);
  });

  it('fails the run with the node error when an HTTP node targets a blocked address', async () => {
    const runId = await start({ nodes: [{ id: 'call', type: 'http', config: { url: 'http://127.0.0.1:9/secret' } }], edges: [] });
    expect(await processor.process(task(runId, 'call'), signal)).toBe('failed');
    const { state } = await aggregates.runs.load(runStreamId(runId));
    expect(state.status).toBe('failed');
    expect((state as ActiveRunState).error?.message).toMatch(/127\.0\.0\.1/);
  });
});
