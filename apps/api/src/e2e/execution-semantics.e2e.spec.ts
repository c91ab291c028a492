import { edge, node } from './graphs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlakyServer } from './flaky-server.js';
import { collectRunEvents, publishWorkflow, startRun, type PushedEvent, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const fastRetry = (maxAttempts: number) => ({ maxAttempts, backoff: 'fixed', initialIntervalMs: 150, maxIntervalMs: 150, jitter: 0 });
const of = (events: PushedEvent[], type: string, nodeId?: string) => events.filter((e) => e.type === type && (nodeId === undefined || e.nodeId === nodeId));

describe('execution semantics through the API', () => {
  const file = stackPerFile();
  let stack: Stack;
  let server: Awaited<ReturnType<typeof startFlakyServer>>;

  beforeAll(async () => {
    stack = file.stack;
    server = await startFlakyServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const run = async (graph: unknown, input: unknown = {}) => {
    const workflowId = await publishWorkflow(stack, `semantics-${crypto.randomUUID().slice(0, 8)}`, graph);
    const runId = await startRun(stack, workflowId, input);
    return { runId, events: await collectRunEvents(stack.ws(), runId) };
  };

  it('retries a failing HTTP call on a durable timer and succeeds on attempt 3', async () => {
    const path = `/flaky/${crypto.randomUUID()}`;
    const { runId, events } = await run({ nodes: [node('call', 'http', { url: `${server.origin}${path}?fail=2` }, { retry: fastRetry(3) })], edges: [] });
    expect(of(events, 'node.retrying', 'call').map((e) => e.attempt)).toEqual([1, 2]);
    expect(of(events, 'node.scheduled', 'call').map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(of(events, 'node.completed', 'call').map((e) => e.attempt)).toEqual([3]);
    expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'succeeded', output: { status: 200, body: { call: 3 } } });
    expect(server.calls(path)).toBe(3);
    const read = await stack.ok<{ run: { nodeRuns: { status: string; attempt: number; error: unknown }[] } }>('query ($id: ID!) { run(id: $id) { nodeRuns { status attempt error } } }', { id: runId });
    expect(read.run.nodeRuns).toEqual([{ status: 'completed', attempt: 3, error: null }]);
  });

  it('aborts a hanging HTTP call at the attempt timeout and fails the run with TIMEOUT', async () => {
    const abortedBefore = server.state.aborted;
    const { runId, events } = await run({ nodes: [node('call', 'http', { url: `${server.origin}/hang` }, { timeoutMs: 300 })], edges: [] });
    expect(of(events, 'node.failed', 'call')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'failed' });
    const read = await stack.ok<{ run: { error: { code: string; message: string } } }>('query ($id: ID!) { run(id: $id) { error } }', { id: runId });
    expect(read.run.error).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('300 ms') });
    await expect.poll(() => server.state.aborted, { timeout: 3000 }).toBe(abortedBefore + 1);
  });

  it('takes the error edge after the retries are exhausted, carrying the error', async () => {
    const graph = {
      nodes: [
        node('call', 'http', { url: `${server.origin}/fail` }, { retry: fastRetry(2) }),
        node('use', 'set', { values: { used: true } }),
        node('recover', 'set', { values: { recovered: '{{ error.code }}', attempts: '{{ error.attempt }}' }, keepInput: false }),
      ],
      edges: [edge('call', 'use'), edge('call', 'recover', 'error')],
    };
    const { runId, events } = await run(graph);
    expect(of(events, 'node.retrying', 'call')).toHaveLength(1);
    expect(of(events, 'node.failed', 'call').map((e) => e.attempt)).toEqual([2]);
    expect(of(events, 'node.skipped', 'use')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'succeeded', output: { recovered: 'EXECUTION', attempts: 2 } });
    const read = await stack.ok<{ run: { nodeRuns: { nodeId: string; status: string; error: { code: string } | null }[] } }>(
      'query ($id: ID!) { run(id: $id) { nodeRuns { nodeId status error } } }',
      { id: runId },
    );
    expect(read.run.nodeRuns.find((n) => n.nodeId === 'call')).toMatchObject({ status: 'failed', error: { code: 'EXECUTION' } });
  });

  it('routes a switch with no matching case to default', async () => {
    const graph = {
      nodes: [
        node('route', 'switch', { value: '{{ tier }}', cases: [{ branch: 'gold', equals: 'gold' }, { branch: 'silver', equals: 'silver' }] }),
        node('gold', 'set', { values: { path: 'gold' } }),
        node('silver', 'set', { values: { path: 'silver' } }),
        node('other', 'set', { values: { path: 'default' } }),
      ],
      edges: [edge('route', 'gold', 'gold'), edge('route', 'silver', 'silver'), edge('route', 'other', 'default')],
    };
    const { events } = await run(graph, { tier: 'bronze' });
    expect(of(events, 'node.completed', 'route')[0]?.branch).toBe('default');
    expect(of(events, 'node.skipped').map((e) => e.nodeId).sort()).toEqual(['gold', 'silver']);
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', output: { tier: 'bronze', path: 'default' } });
  });

  it('merges with the first branch to arrive', async () => {
    const graph = {
      nodes: [node('fast', 'set', { values: { who: 'fast' } }), node('slow', 'delay', { seconds: 1 }), node('first', 'merge', { join: 'first' })],
      edges: [edge('fast', 'first'), edge('slow', 'first')],
    };
    const { events } = await run(graph, { n: 1 });
    expect(of(events, 'node.completed', 'first')).toHaveLength(1);
    expect(of(events, 'node.completed', 'first')[0]?.output).toEqual({ n: 1, who: 'fast' });
    expect(events.findIndex((e) => e.type === 'node.completed' && e.nodeId === 'first')).toBeLessThan(events.findIndex((e) => e.type === 'node.completed' && e.nodeId === 'slow'));
  });

  it('fails a run past its time limit with RUN_TIMEOUT', async () => {
    const started = Date.now();
    const { runId, events } = await run({ nodes: [node('wait', 'delay', { seconds: 30 })], edges: [], settings: { timeoutMs: 500 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'failed' });
    const read = await stack.ok<{ run: { status: string; error: { code: string } } }>('query ($id: ID!) { run(id: $id) { status error } }', { id: runId });
    expect(read.run).toMatchObject({ status: 'failed', error: { code: 'RUN_TIMEOUT' } });
  });

  it('re-runs a failed run from the failed node: upstream results kept, the node input editable, the new run linked', async () => {
    const path = `/flaky/${crypto.randomUUID()}`;
    const graph = {
      nodes: [node('prepare', 'set', { values: { prepared: '{{ n * 2 }}' } }), node('call', 'http', { url: `${server.origin}${path}?fail=1` }), node('finish', 'set', { values: { status: '{{ status }}' } })],
      edges: [edge('prepare', 'call'), edge('call', 'finish')],
    };
    const first = await run(graph, { n: 21 });
    expect(first.events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'failed' });
    const mutation = 'mutation ($input: RerunRunInput!) { rerunRun(input: $input) { id rerunOf rerunFromNode workflowVersion } }';
    const rerun = await stack.ok<{ rerunRun: { id: string; rerunOf: string; rerunFromNode: string } }>(mutation, { input: { runId: first.runId, fromNodeId: 'call' } });
    expect(rerun.rerunRun).toMatchObject({ rerunOf: first.runId, rerunFromNode: 'call' });
    const events = await collectRunEvents(stack.ws(), rerun.rerunRun.id);
    expect(of(events, 'node.scheduled').map((e) => e.nodeId)).toEqual(['call', 'finish']);
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', output: { status: 200 } });
    expect(server.calls(path)).toBe(2);
    const read = await stack.ok<{ run: { rerunOf: string; nodeRuns: { nodeId: string; status: string; output: unknown }[] } }>(
      'query ($id: ID!) { run(id: $id) { rerunOf nodeRuns { nodeId status output } } }',
      { id: rerun.rerunRun.id },
    );
    expect(read.run.rerunOf).toBe(first.runId);
    expect(read.run.nodeRuns[0]).toEqual({ nodeId: 'prepare', status: 'completed', output: { n: 21, prepared: 42 } });

    const edited = await stack.ok<{ rerunRun: { id: string } }>(mutation, { input: { runId: rerun.rerunRun.id, fromNodeId: 'finish', input: { status: 299 } } });
    const editedEvents = await collectRunEvents(stack.ws(), edited.rerunRun.id);
    expect(of(editedEvents, 'node.scheduled').map((e) => e.nodeId)).toEqual(['finish']);
    expect(editedEvents.at(-1)).toMatchObject({ status: 'succeeded', output: { status: 299 } });
  });

  it('refuses to re-run a running run, an unknown node, or a run not in the workspace', async () => {
    const workflowId = await publishWorkflow(stack, `long-${crypto.randomUUID().slice(0, 8)}`, { nodes: [node('wait', 'delay', { seconds: 30 })], edges: [] });
    const runId = await startRun(stack, workflowId, {});
    const mutation = 'mutation ($input: RerunRunInput!) { rerunRun(input: $input) { id } }';
    const code = async (input: Record<string, unknown>) => (await stack.gql(mutation, { input })).errors?.[0]?.extensions?.code;
    expect(await code({ runId, fromNodeId: 'wait' })).toBe('CONFLICT');
    await stack.ok('mutation ($id: ID!) { cancelRun(id: $id) { id } }', { id: runId });
    expect(await code({ runId, fromNodeId: 'nope' })).toBe('BAD_USER_INPUT');
    expect(await code({ runId: crypto.randomUUID(), fromNodeId: 'wait' })).toBe('NOT_FOUND');
    await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: workflowId });
    expect(await code({ runId, fromNodeId: 'wait' })).toBe('CONFLICT');
  });

  it('refuses a bad retry policy at publish, naming the node and field, and appends nothing', async () => {
    const name = `bad retry ${crypto.randomUUID()}`;
    const refused = await stack.gql('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
      input: { name, graph: { nodes: [node('a', 'set', {}, { retry: { maxAttempts: 0 } })], edges: [] } },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [expect.objectContaining({ nodeId: 'a', field: 'nodes[0].retry.maxAttempts' })] });
    const listed = await stack.ok<{ workflows: { nodes: { name: string }[] } }>('{ workflows(first: 100) { nodes { name } } }');
    expect(listed.workflows.nodes.map((w) => w.name)).not.toContain(name);
  });
});
