import { beforeAll, describe, expect, it } from 'vitest';
import { branchGraph, delayGraph, fanoutGraph, linearGraph } from './graphs.js';
import { collectRunEvents, publishWorkflow, startRun, type PushedEvent, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const completedNodes = (events: PushedEvent[]) => events.filter((e) => e.type === 'node.completed').map((e) => e.nodeId);

describe('running workflows end to end through GraphQL', () => {
  const file = stackPerFile();
  let stack: Stack;

  beforeAll(() => {
    stack = file.stack;
  });

  it('runs a 10-node linear workflow; the subscriber sees each node.completed once, in order, then workflow.finished', async () => {
    const workflowId = await publishWorkflow(stack, 'linear', linearGraph(10));
    const runId = await startRun(stack, workflowId, { n: 100 });
    const events = await collectRunEvents(stack.ws(), runId);

    expect(completedNodes(events)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10']);
    expect(events[0]?.type).toBe('workflow.started');
    const finished = events.at(-1)!;
    expect(finished).toMatchObject({ type: 'workflow.finished', status: 'succeeded' });
    expect(finished.output).toEqual({ n: 100, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i + 1}`, i + 101])) });
    const versions = events.map((e) => e.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);

    const read = await stack.ok<{ run: { status: string; nodeRuns: { nodeId: string; status: string; output: Record<string, number> }[] } }>(
      'query ($id: ID!) { run(id: $id) { status nodeRuns { nodeId status output } } }',
      { id: runId },
    );
    expect(read.run.status).toBe('succeeded');
    expect(read.run.nodeRuns.map((n) => n.status)).toEqual(Array(10).fill('completed'));
    expect(read.run.nodeRuns[4]?.output.s5).toBe(105);
  });

  it('fans out to 10 parallel nodes and merges all of them', async () => {
    const workflowId = await publishWorkflow(stack, 'fanout', fanoutGraph(10));
    const runId = await startRun(stack, workflowId, {});
    const events = await collectRunEvents(stack.ws(), runId);

    const completed = completedNodes(events);
    expect(completed).toHaveLength(12);
    expect(new Set(completed).size).toBe(12);
    expect(completed[0]).toBe('start');
    expect(completed.at(-1)).toBe('join');
    expect(events.at(-1)).toMatchObject({
      type: 'workflow.finished',
      status: 'succeeded',
      output: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i + 1}`, i + 1])),
    });
  });

  it.each([
    { n: 90, taken: 'big', dead: 'small' },
    { n: 10, taken: 'small', dead: 'big' },
  ])('runs an if with both branches joined (n = $n takes $taken)', async ({ n, taken, dead }) => {
    const workflowId = await publishWorkflow(stack, `branch-${n}`, branchGraph());
    const runId = await startRun(stack, workflowId, { n });
    const events = await collectRunEvents(stack.ws(), runId);

    expect(completedNodes(events)).toEqual(['check', taken, 'join']);
    expect(events.find((e) => e.type === 'node.completed' && e.nodeId === 'check')?.branch).toBe(n > 50 ? 'true' : 'false');
    expect(events.filter((e) => e.type === 'node.skipped').map((e) => e.nodeId)).toEqual([dead]);
    expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'succeeded', output: { n, size: taken } });
  });

  it('completes a subscription even when every live Pub/Sub message is lost, from the read model', async () => {
    const publisher = stack.platform.live.publisher;
    const publishMany = publisher.publishMany.bind(publisher);
    publisher.publishMany = () => Promise.resolve(); // drop every live update
    try {
      // The delay makes sure the subscriber is listening before the run ends.
      const workflowId = await publishWorkflow(stack, 'lossy', delayGraph(1));
      const runId = await startRun(stack, workflowId, { n: 1 });
      const events = await collectRunEvents(stack.ws(), runId, 15_000);
      expect(completedNodes(events)).toEqual(['wait', 'after']);
      expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'succeeded' });
    } finally {
      publisher.publishMany = publishMany;
    }
  });

  describe('the synchronous HTTP trigger', () => {
    const post = (path: string, body: string, headers = stack.headers) => fetch(stack.url.replace('/graphql', path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    it('answers 200 with the output once the run has finished', async () => {
      const workflowId = await publishWorkflow(stack, 'sync', linearGraph(3));
      const response = await post(`/api/workflows/${workflowId}/runs?wait=10000`, JSON.stringify({ n: 10 }));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ runId: expect.any(String), status: 'succeeded', output: { n: 10, s1: 11, s2: 12, s3: 13 }, error: null });
    });

    it('answers 201 at once without wait, 202 when the run outlasts the wait', async () => {
      const workflowId = await publishWorkflow(stack, 'slow sync', delayGraph(2));
      const started = await post(`/api/workflows/${workflowId}/runs`, '{}');
      expect(started.status).toBe(201);
      expect(await started.json()).toMatchObject({ status: 'running' });
      const waited = await post(`/api/workflows/${workflowId}/runs?wait=100`, '{}');
      expect(waited.status).toBe(202);
    });

    it('answers 401 without credentials, whatever the workflow', async () => {
      const workflowId = await publishWorkflow(stack, 'sync auth', linearGraph(1));
      const anonymous = await post(`/api/workflows/${workflowId}/runs?wait=1000`, '{}', {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const forged = await post(`/api/workflows/${workflowId}/runs`, '{}', { authorization: 'Bearer weft_not-a-real-key' });
      expect(forged.status).toBe(401);
    });

    it('answers 404, 400 and 409 with a code and a message', async () => {
      const unknown = await post('/api/workflows/nope/runs?wait=1000', '{}');
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: { code: 'NOT_FOUND', entity: 'workflow', message: 'workflow "nope" not found' } });
      const workflowId = await publishWorkflow(stack, 'sync errors', linearGraph(1));
      const notJson = await post(`/api/workflows/${workflowId}/runs`, '{"n": ');
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', message: expect.stringContaining('not valid JSON') } });
      const plainText = await fetch(stack.url.replace('/graphql', `/api/workflows/${workflowId}/runs`), { method: 'POST', headers: { 'content-type': 'text/plain', ...stack.headers }, body: 'n=1' });
      expect(plainText.status).toBe(400);
      expect(await plainText.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'body' } });
      const badWait = await post(`/api/workflows/${workflowId}/runs?wait=soon`, '{}');
      expect(badWait.status).toBe(400);
      expect(await badWait.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'wait' } });
      await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: workflowId });
      expect((await post(`/api/workflows/${workflowId}/runs`, '{}')).status).toBe(409);
    });
  });

  it('lists workflows and runs with cursor pagination', async () => {
    const first = await stack.ok<{ workflows: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      '{ workflows(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.workflows.nodes).toHaveLength(2);
    expect(first.workflows.pageInfo.hasNextPage).toBe(true);
    const second = await stack.ok<{ workflows: { nodes: { id: string }[] } }>('query ($after: String) { workflows(first: 100, after: $after) { nodes { id } } }', {
      after: first.workflows.pageInfo.endCursor,
    });
    const all = [...first.workflows.nodes, ...second.workflows.nodes].map((w) => w.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const tooMany = await stack.gql('{ runs(first: 1000) { nodes { id } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
