import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOutputRef } from '@weft/engine';
import { collectRunEvents, publishWorkflow, startRun, waitForRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const ITEMS = 8000;
const row = (i: number) => ({ i, s: 'abcdefghijklmnopqrstu' });
const rows = Array.from({ length: ITEMS }, (_, i) => row(i + 1));

/**
 * make: ~300 KB of rows built by an expression → read (reads fields of it) and
 * copy (keeps it all): two sinks, so the run's output holds both by node id.
 */
const largeOutputGraph = {
  nodes: [
    { id: 'make', type: 'set', config: { values: { label: '{{ label }}', rows: `{{ [1..${ITEMS}].({ "i": $, "s": "abcdefghijklmnopqrstu" }) }}` }, keepInput: false } },
    { id: 'read', type: 'set', config: { values: { label: '{{ label }}', count: '{{ $count(rows) }}', last: '{{ rows[-1].i }}' }, keepInput: false } },
    { id: 'copy', type: 'set', config: { values: { copied: true } } },
  ],
  edges: [
    { id: 'make-read', source: 'make', target: 'read' },
    { id: 'make-copy', source: 'make', target: 'copy' },
  ],
};

type StoredEvent = { type: string; data: { nodeId?: string; output?: unknown; input?: unknown }; size: number };

describe('large node outputs, stored out of line', () => {
  const file = stackPerFile({ env: { WEFT_MAX_OUTPUT_BYTES: String(1024 * 1024) } });
  let stack: Stack;
  let pool: pg.Pool;

  beforeAll(() => {
    stack = file.stack;
    pool = new pg.Pool({ connectionString: file.env.databaseUrl });
  });
  afterAll(async () => {
    await pool?.end();
  });

  const blobCount = async () => Number((await pool.query<{ count: string }>('SELECT count(*) FROM output_blobs')).rows[0]!.count);
  const storedEvents = async (runId: string): Promise<StoredEvent[]> =>
    (await pool.query<StoredEvent>('SELECT type, data, octet_length(data::text) AS size FROM events WHERE stream_id = $1 ORDER BY version', [`run-${runId}`])).rows;

  it('keeps a reference in the event, gives the next node the value, and returns the value over GraphQL and the subscription', async () => {
    const workflowId = await publishWorkflow(stack, 'large output', largeOutputGraph);
    const runId = await startRun(stack, workflowId, { label: 'big one' });
    const pushed = await collectRunEvents(stack.ws(), runId);
    const made = { label: 'big one', rows };
    const bytes = Buffer.byteLength(JSON.stringify(made));
    expect(bytes).toBeGreaterThan(250_000);

    // The event store holds a small reference; the blob holds the value.
    const events = await storedEvents(runId);
    const completed = events.find((e) => e.type === 'node.completed' && e.data.nodeId === 'make')!;
    expect(isOutputRef(completed.data.output)).toBe(true);
    expect(completed.data.output).toMatchObject({ bytes });
    expect(completed.size).toBeLessThan(400);
    expect(events.every((e) => e.size < 2000)).toBe(true);
    const blob = await pool.query<{ bytes: number; workspace_id: string }>('SELECT bytes, workspace_id FROM output_blobs WHERE sha256 = $1', [(completed.data.output as { $weftRef: string }).$weftRef.slice(5)]);
    expect(blob.rows).toEqual([{ bytes, workspace_id: stack.workspaceId }]);

    // The downstream node read the real value.
    expect(events.find((e) => e.type === 'node.completed' && e.data.nodeId === 'read')!.data.output).toEqual({ label: 'big one', count: ITEMS, last: ITEMS });

    // The subscription pushes values, not references.
    expect(pushed.find((e) => e.type === 'node.completed' && e.nodeId === 'make')!.output).toEqual(made);
    const finished = pushed.at(-1)!;
    expect(finished).toMatchObject({ type: 'workflow.finished', status: 'succeeded' });
    expect(finished.output).toEqual({ read: { label: 'big one', count: ITEMS, last: ITEMS }, copy: { ...made, copied: true } });

    // So do the queries, once the read model shows the run.
    await waitForRun(stack, runId);
    type NodeRunView = { nodeId: string; input: unknown; output: unknown; outputBytes: number | null };
    const read = await stack.ok<{ run: { output: unknown; nodeRuns: NodeRunView[] } }>('query ($id: ID!) { run(id: $id) { output nodeRuns { nodeId input output outputBytes } } }', { id: runId });
    const byId = Object.fromEntries(read.run.nodeRuns.map((n) => [n.nodeId, n]));
    expect(byId.make).toMatchObject({ input: { label: 'big one' }, output: made, outputBytes: bytes });
    expect(byId.read).toMatchObject({ input: made, output: { label: 'big one', count: ITEMS, last: ITEMS } });
    expect(byId.read!.outputBytes).toBeLessThan(100);
    expect(read.run.output).toEqual({ read: { label: 'big one', count: ITEMS, last: ITEMS }, copy: { ...made, copied: true } });
    const listed = await stack.ok<{ runs: { nodes: { id: string; output: { copy?: { rows: unknown[] } } }[] } }>('query ($w: ID) { runs(first: 5, workflowId: $w) { nodes { id output } } }', { w: workflowId });
    expect(listed.runs.nodes[0]?.output.copy?.rows).toHaveLength(ITEMS);
  });

  it('answers the HTTP trigger\'s wait with the value', async () => {
    const workflowId = await publishWorkflow(stack, 'large output over HTTP', largeOutputGraph);
    const response = await fetch(`${stack.base}/api/workflows/${workflowId}/runs?wait=20000`, { method: 'POST', headers: { 'content-type': 'application/json', ...stack.headers }, body: JSON.stringify({ label: 'http' }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; output: { copy: { rows: unknown[]; copied: boolean }; read: unknown } };
    expect(body.status).toBe('succeeded');
    expect(body.output.read).toEqual({ label: 'http', count: ITEMS, last: ITEMS });
    expect(body.output.copy.rows).toEqual(rows);
  });

  it('fails a node whose output is over WEFT_MAX_OUTPUT_BYTES with a clear error, and stores nothing for it', async () => {
    const workflowId = await publishWorkflow(stack, 'too large', {
      nodes: [{ id: 'huge', type: 'set', config: { values: { text: '{{ $pad("", 2000000, "x") }}' }, keepInput: false } }],
      edges: [],
    });
    const blobsBefore = await blobCount();
    const runId = await startRun(stack, workflowId, {});
    const run = await waitForRun(stack, runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'OUTPUT_TOO_LARGE', nodeId: 'huge', message: expect.stringContaining("The node's output is 2000011 bytes, over the limit of 1048576") });
    expect(await blobCount()).toBe(blobsBefore);
  });
});
