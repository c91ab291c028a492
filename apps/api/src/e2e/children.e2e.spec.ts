import { edge, node } from './graphs.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectRunEvents, publishWorkflow, startRun, waitForRun, type PushedEvent, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const finished = (events: PushedEvent[]) => events.at(-1)!;

describe('sub-workflows and loops over items', () => {
  const file = stackPerFile();
  let stack: Stack;
  let double: string;

  beforeAll(async () => {
    stack = file.stack;
    double = await publishWorkflow(stack, 'double', { nodes: [node('twice', 'set', { values: { doubled: '{{ n * 2 }}' }, keepInput: false })], edges: [] });
  });

  const runsOf = async (workflowId: string) =>
    (await stack.ok<{ runs: { nodes: { id: string; status: string; startedAt: string; finishedAt: string | null }[] } }>('query ($w: ID) { runs(first: 100, workflowId: $w) { nodes { id status startedAt finishedAt } } }', { w: workflowId })).runs.nodes;

  it('runs a sub-workflow as a child run and continues with its output', async () => {
    const parent = await publishWorkflow(stack, 'calls double', {
      nodes: [node('call', 'subworkflow', { workflowId: double, input: { n: '{{ value }}' } }), node('after', 'set', { values: { done: true } })],
      edges: [edge('call', 'after')],
    });
    const runId = await startRun(stack, parent, { value: 21 });
    const events = await collectRunEvents(stack.ws(), runId);
    expect(events.find((e) => e.type === 'run.waiting')?.nodeId).toBe('call');
    expect(finished(events)).toMatchObject({ type: 'workflow.finished', status: 'succeeded', output: { doubled: 42, done: true } });
    expect((await runsOf(double)).length).toBeGreaterThanOrEqual(1);
  });

  it('maps 25 items through a child workflow, at most 3 at once, collecting the results in item order', async () => {
    const slowDouble = await publishWorkflow(stack, 'slow double', {
      nodes: [node('pause', 'delay', { seconds: 0.2 }), node('twice', 'set', { values: { doubled: '{{ n * 2 }}' }, keepInput: false })],
      edges: [edge('pause', 'twice')],
    });
    const parent = await publishWorkflow(stack, 'map', { nodes: [node('each', 'map', { workflowId: slowDouble, items: '{{ $map([1..25], function($v) { { "n": $v } }) }}', concurrency: 3 })], edges: [] });
    const runId = await startRun(stack, parent, {});
    const events = await collectRunEvents(stack.ws(), runId, 60_000);
    expect(finished(events)).toMatchObject({ status: 'succeeded', output: Array.from({ length: 25 }, (_, i) => ({ doubled: (i + 1) * 2 })) });
    expect(events.length).toBeLessThan(10); // the parent's history does not grow with the items
    const children = await runsOf(slowDouble);
    expect(children).toHaveLength(25);
    const moments = children.flatMap((c) => [{ at: Date.parse(c.startedAt), d: 1 }, { at: Date.parse(c.finishedAt!), d: -1 }]).sort((a, b) => a.at - b.at || a.d - b.d);
    let running = 0;
    let most = 0;
    for (const m of moments) most = Math.max(most, (running += m.d));
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThanOrEqual(2);
  });

  it('fails the node when a child fails, cancels its siblings, and takes the error edge', async () => {
    const picky = await publishWorkflow(stack, 'picky', {
      nodes: [node('check', 'if', { condition: '{{ ok }}' }), node('pause', 'delay', { seconds: 30 })],
      edges: [edge('check', 'pause', 'true')],
    });
    const parent = await publishWorkflow(stack, 'map with failure', {
      nodes: [node('each', 'map', { workflowId: picky, items: [{ ok: true }, { ok: 'not a boolean' }, { ok: true }], concurrency: 3 }), node('handled', 'set', { values: { code: '{{ error.code }}' }, keepInput: false })],
      edges: [edge('each', 'handled', 'error')],
    });
    const runId = await startRun(stack, parent, {});
    const events = await collectRunEvents(stack.ws(), runId, 30_000);
    expect(finished(events)).toMatchObject({ status: 'succeeded', output: { code: 'CHILD_FAILED' } });
    await expect.poll(async () => (await runsOf(picky)).map((r) => r.status).sort(), { timeout: 10_000 }).toEqual(['cancelled', 'cancelled', 'failed']);
  });

  it('cancels the child when the parent is cancelled, and fails the parent node when the child is cancelled', async () => {
    const sleepy = await publishWorkflow(stack, 'sleepy', { nodes: [node('pause', 'delay', { seconds: 30 })], edges: [] });
    const parent = await publishWorkflow(stack, 'calls sleepy', { nodes: [node('call', 'subworkflow', { workflowId: sleepy })], edges: [] });
    const first = await startRun(stack, parent, {});
    await expect.poll(async () => (await runsOf(sleepy)).length, { timeout: 10_000 }).toBe(1);
    await stack.ok('mutation ($id: ID!) { cancelRun(id: $id) { id } }', { id: first });
    await expect.poll(async () => (await runsOf(sleepy))[0]?.status, { timeout: 10_000 }).toBe('cancelled');

    const second = await startRun(stack, parent, {});
    await expect.poll(async () => (await runsOf(sleepy)).filter((r) => r.status === 'running').length, { timeout: 10_000 }).toBe(1);
    const child = (await runsOf(sleepy)).find((r) => r.status === 'running')!;
    await stack.ok('mutation ($id: ID!) { cancelRun(id: $id) { id } }', { id: child.id });
    expect(await waitForRun(stack, second)).toMatchObject({ status: 'failed', error: { code: 'CHILD_CANCELLED', nodeId: 'call' } });
  });

  it('starts nothing twice and resolves nothing twice when the coordinator replays the whole log', async () => {
    const pool = stack.platform.pool;
    const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]?.n);
    const before = { runs: await count('SELECT count(*) AS n FROM rm_runs'), events: await count('SELECT count(*) AS n FROM events'), children: await count('SELECT count(*) AS n FROM child_runs') };
    expect(before.children).toBeGreaterThan(25);
    await pool.query('DELETE FROM child_runs');
    await pool.query('DELETE FROM child_batches');
    await pool.query("UPDATE checkpoints SET transaction_id = 0, position = 0 WHERE name = 'child-runs'");
    await expect.poll(() => count('SELECT count(*) AS n FROM child_runs'), { timeout: 30_000 }).toBe(before.children);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await count('SELECT count(*) AS n FROM rm_runs')).toBe(before.runs);
    expect(await count('SELECT count(*) AS n FROM events')).toBe(before.events);
  });

  it('fails clearly for a workflow with no published version, and stops a workflow that calls itself', async () => {
    const missing = await publishWorkflow(stack, 'calls nothing', { nodes: [node('call', 'subworkflow', { workflowId: crypto.randomUUID() })], edges: [] });
    expect(await waitForRun(stack, await startRun(stack, missing, {}))).toMatchObject({ status: 'failed', error: { code: 'CONFIG', message: expect.stringContaining('has no published version') } });

    const created = await stack.ok<{ createWorkflow: { id: string } }>('mutation { createWorkflow(input: { name: "ouroboros" }) { id } }');
    const self = created.createWorkflow.id;
    await stack.ok('mutation ($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id } }', { input: { id: self, graph: { nodes: [node('again', 'subworkflow', { workflowId: self })], edges: [] } } });
    await stack.ok('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: self });
    const outcome = await waitForRun(stack, await startRun(stack, self, {}), 60_000);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'CHILD_FAILED', message: expect.stringContaining('nested deeper than 10') } });
  });
});
