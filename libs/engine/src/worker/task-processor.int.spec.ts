import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStreamId, type ActiveRunState, type CommandMetadata } from '@weft/domain';
import { PgEventStore } from '@weft/event-store';
import * as nodes from '@weft/nodes';
import { createGuardedFetch, defaultRegistry } from '@weft/nodes';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import { createLogger } from '../logger.js';
import { OutputBlobStore } from '../outputs/output-blob-store.js';
import { isOutputRef } from '../outputs/output-ref.js';
import { OutputStorage, type OutputLimits } from '../outputs/output-storage.js';
import { TaskProcessor } from './task-processor.js';

describe('TaskProcessor', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let aggregates: Aggregates;
  let processor: TaskProcessor;
  let processorWith: (limits: OutputLimits) => TaskProcessor;
  const meta = (commandId: string): CommandMetadata => ({ commandId, now: new Date().toISOString(), workspaceId: 'ws' });
  const task = (runId: string, nodeId: string, attempt = 1) => ({ runId, nodeId, attempt, workspaceId: 'ws', scheduledAt: new Date().toISOString() });
  const signal = new AbortController().signal;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl });
    const registry = defaultRegistry();
    const outputs = new OutputStorage(new OutputBlobStore(pool), { inlineBytes: 1024, maxBytes: 64 * 1024 });
    aggregates = createAggregates(new PgEventStore(pool), registry.toCatalog(), {}, outputs);
    const services = { fetch: createGuardedFetch({ allow: [] }), now: () => new Date(), publishedVersion: () => Promise.resolve(undefined) };
    processor = new TaskProcessor({ aggregates, nodes, registry, services, workerId: 'test', logger: createLogger({}, { silent: true }) });
    // A fresh cache, as another worker process would have.
    processorWith = (limits) => new TaskProcessor({ aggregates, nodes, registry, services, workerId: 'test-2', logger: createLogger({}, { silent: true }), outputs: new OutputStorage(new OutputBlobStore(pool), limits) });
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
  const completed = async (runId: string, nodeId: string) =>
    (await new PgEventStore(pool).readStream(runStreamId(runId))).find((e) => e.type === 'node.completed' && (e.data as { nodeId: string }).nodeId === nodeId)!.data as { output: unknown; input?: unknown };
  const blobCount = async () => Number((await pool.query<{ count: string }>('SELECT count(*) FROM output_blobs')).rows[0]!.count);
  /** a: a 5000-character string (over the 1 KiB inline limit) → b: reads it through its input and through $nodes. */
  const largeOutputGraph = (length = 5000) => ({
    nodes: [
      { id: 'a', type: 'set', config: { values: { big: `{{ $pad("", ${length}, "x") }}` }, keepInput: false } },
      { id: 'b', type: 'set', config: { values: { fromInput: '{{ $length(big) }}', fromNodes: '{{ $length($nodes.a.big) }}', head: '{{ $substring(big, 0, 3) }}' }, keepInput: false } },
    ],
    edges: [{ id: 'a-b', source: 'a', target: 'b' }],
  });

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

  it('stores a large output out of line: its event holds a reference, the next node sees the real value', async () => {
    const runId = await start(largeOutputGraph());
    expect(await processor.process(task(runId, 'a'), signal)).toBe('completed');
    const a = await completed(runId, 'a');
    expect(isOutputRef(a.output)).toBe(true);
    expect(a.output).toMatchObject({ bytes: JSON.stringify({ big: 'x'.repeat(5000) }).length });
    // Another worker, its cache empty, runs the next node: it reads the blob from PostgreSQL.
    expect(await processorWith({ inlineBytes: 1024, maxBytes: 64 * 1024 }).process(task(runId, 'b'), signal)).toBe('completed');
    const b = await completed(runId, 'b');
    expect(b.output).toEqual({ fromInput: 5000, fromNodes: 5000, head: 'xxx' });
    expect(b.input).toEqual(a.output); // node b's recorded input is the reference, not the value
    const { state } = await aggregates.runs.load(runStreamId(runId));
    expect((state as ActiveRunState).status).toBe('succeeded');
  });

  it('fails a node whose output is over the maximum size with OUTPUT_TOO_LARGE, storing nothing', async () => {
    const runId = await start(largeOutputGraph(5000));
    const before = await blobCount();
    expect(await processorWith({ inlineBytes: 1024, maxBytes: 4096 }).process(task(runId, 'a'), signal)).toBe('failed');
    const { state } = await aggregates.runs.load(runStreamId(runId));
    expect((state as ActiveRunState).nodes.a?.error).toEqual({ code: 'OUTPUT_TOO_LARGE', message: "The node's output is 5010 bytes, over the limit of 4096", retryable: false });
    expect(await blobCount()).toBe(before);
  });

  it('fails a node whose input names a missing blob with OUTPUT_MISSING', async () => {
    const runId = await start(largeOutputGraph(6000));
    expect(await processor.process(task(runId, 'a'), signal)).toBe('completed');
    const ref = (await completed(runId, 'a')).output as { $weftRef: string };
    await pool.query('DELETE FROM output_blobs WHERE sha256 = $1', [ref.$weftRef.slice('blob:'.length)]);
    expect(await processorWith({ inlineBytes: 1024, maxBytes: 64 * 1024 }).process(task(runId, 'b'), signal)).toBe('failed');
    const { state } = await aggregates.runs.load(runStreamId(runId));
    expect((state as ActiveRunState).nodes.b?.error).toMatchObject({ code: 'OUTPUT_MISSING', message: expect.stringContaining(ref.$weftRef), retryable: false });
  });
});
