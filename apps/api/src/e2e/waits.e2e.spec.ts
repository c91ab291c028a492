import { edge, node } from './graphs.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectRunEvents, publishWorkflow, startRun, type PushedEvent, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** wait → one set node per branch, each recording which way the run went. */
const waitGraph = (config: Record<string, unknown>, branches: string[]) => ({
  nodes: [node('gate', 'wait', config), ...branches.map((b) => node(`on_${b}`, 'set', { values: { path: b } }))],
  edges: branches.map((b) => edge('gate', `on_${b}`, b)),
});
const approvalGraph = (config: Record<string, unknown> = {}) => waitGraph({ for: 'approval', ...config }, ['approved', 'rejected', 'timeout']);
const eventGraph = (config: Record<string, unknown> = {}) => waitGraph({ for: 'event', event: 'payment.settled', correlationKey: '{{ orderId }}', ...config }, ['received', 'timeout']);
const completedPath = (events: PushedEvent[]) => events.filter((e) => e.type === 'node.completed' && e.nodeId?.startsWith('on_')).map((e) => e.nodeId);

describe('waiting for approval and external events', () => {
  const file = stackPerFile();
  let stack: Stack;

  beforeAll(() => {
    stack = file.stack;
  });

  const publish = (graph: unknown) => publishWorkflow(stack, `waits-${crypto.randomUUID().slice(0, 8)}`, graph);
  const nodeStatus = async (runId: string, nodeId: string) =>
    (await stack.ok<{ run: { nodeRuns: { nodeId: string; status: string }[] } }>('query ($id: ID!) { run(id: $id) { nodeRuns { nodeId status } } }', { id: runId })).run.nodeRuns.find((n) => n.nodeId === nodeId)?.status;
  const untilWaiting = (runId: string) => expect.poll(() => nodeStatus(runId, 'gate'), { timeout: 10_000 }).toBe('waiting');
  const approve = (runId: string, approved: boolean, comment?: string) =>
    stack.gql<{ resolveApproval: { id: string } }>('mutation ($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id status } }', { input: { runId, nodeId: 'gate', approved, comment } });
  const emit = (name: string, correlationKey: string, payload: unknown) =>
    stack.ok<{ emitEvent: { id: string; receivedAt: string } }>('mutation ($input: EmitEventInput!) { emitEvent(input: $input) { id name correlationKey receivedAt } }', { input: { name, correlationKey, payload } });

  it('suspends until someone approves, then takes the approved branch with the decision; a second decision is a conflict', async () => {
    const runId = await startRun(stack, await publish(approvalGraph()), { amount: 900 });
    await untilWaiting(runId);
    const done = collectRunEvents(stack.ws(), runId);
    expect((await approve(runId, true, 'looks right')).errors).toBeUndefined();
    const events = await done;
    expect(completedPath(events)).toEqual(['on_approved']);
    expect(events.find((e) => e.type === 'node.completed' && e.nodeId === 'gate')).toMatchObject({ branch: 'approved', output: { approved: true, comment: 'looks right', by: expect.stringMatching(/^apikey:/) } });
    expect(events.filter((e) => e.type === 'run.waiting')).toHaveLength(1);
    expect((await approve(runId, false)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('takes the rejected branch on a rejection sent over HTTP, and refuses a bad decision body', async () => {
    const runId = await startRun(stack, await publish(approvalGraph()), {});
    await untilWaiting(runId);
    const url = stack.url.replace('/graphql', `/api/runs/${runId}/approvals/gate`);
    const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...stack.headers }, body: JSON.stringify({ approved: 'yes' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'approved' } });
    expect(await nodeStatus(runId, 'gate')).toBe('waiting');
    const done = collectRunEvents(stack.ws(), runId);
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...stack.headers }, body: JSON.stringify({ approved: false }) });
    expect(ok.status).toBe(200);
    expect(completedPath(await done)).toEqual(['on_rejected']);
  });

  it('takes the timeout branch when nobody decides before the deadline, with the input as output', async () => {
    const runId = await startRun(stack, await publish(approvalGraph({ timeoutSeconds: 1 })), { amount: 5 });
    const events = await collectRunEvents(stack.ws(), runId);
    expect(completedPath(events)).toEqual(['on_timeout']);
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', output: { amount: 5, path: 'timeout' } });
  });

  it('resumes on an event with the matching correlation key, sent after the wait began, over HTTP; another key does nothing', async () => {
    const orderId = crypto.randomUUID();
    const runId = await startRun(stack, await publish(eventGraph({ timeoutSeconds: 30 })), { orderId });
    await untilWaiting(runId);
    const done = collectRunEvents(stack.ws(), runId);
    await emit('payment.settled', `not-${orderId}`, { amount: 1 });
    await sleep(500);
    expect(await nodeStatus(runId, 'gate')).toBe('waiting');
    const posted = await fetch(stack.url.replace('/graphql', '/api/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.headers },
      body: JSON.stringify({ name: 'payment.settled', correlationKey: orderId, payload: { amount: 42 } }),
    });
    expect(posted.status).toBe(202);
    const events = await done;
    expect(completedPath(events)).toEqual(['on_received']);
    expect(events.find((e) => e.type === 'node.completed' && e.nodeId === 'gate')?.output).toEqual({ amount: 42 });
  });

  it('matches an event that arrived 2 s before its wait began (lookback), and resumes every run waiting for it', async () => {
    const orderId = crypto.randomUUID();
    await emit('payment.settled', orderId, { early: true });
    await sleep(2000);
    const workflowId = await publish(eventGraph({ timeoutSeconds: 30 }));
    const runs = await Promise.all([startRun(stack, workflowId, { orderId }), startRun(stack, workflowId, { orderId })]);
    for (const runId of runs) {
      const events = await collectRunEvents(stack.ws(), runId);
      expect(completedPath(events)).toEqual(['on_received']);
      expect(events.find((e) => e.nodeId === 'gate' && e.type === 'node.completed')?.output).toEqual({ early: true });
    }
  });

  it('ignores an event older than the lookback window: the wait times out', async () => {
    const orderId = crypto.randomUUID();
    await emit('payment.settled', orderId, { late: false });
    await sleep(1500);
    const runId = await startRun(stack, await publish(eventGraph({ lookbackSeconds: 1, timeoutSeconds: 1 })), { orderId });
    expect(completedPath(await collectRunEvents(stack.ws(), runId))).toEqual(['on_timeout']);
  });

  it('keeps waiting for an event while another wait of the same run is resolved', async () => {
    const orderId = crypto.randomUUID();
    const graph = {
      nodes: [node('approve', 'wait', { for: 'approval' }), node('paid', 'wait', { for: 'event', event: 'payment.settled', correlationKey: '{{ orderId }}' }), node('both', 'merge')],
      edges: [edge('approve', 'both', 'approved'), edge('paid', 'both', 'received')],
    };
    const runId = await startRun(stack, await publish(graph), { orderId });
    await expect.poll(() => nodeStatus(runId, 'paid'), { timeout: 10_000 }).toBe('waiting');
    await expect.poll(() => nodeStatus(runId, 'approve'), { timeout: 10_000 }).toBe('waiting');
    const done = collectRunEvents(stack.ws(), runId);
    await stack.ok('mutation ($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }', { input: { runId, nodeId: 'approve', approved: true } });
    await expect.poll(() => nodeStatus(runId, 'approve'), { timeout: 10_000 }).toBe('completed');
    await sleep(300); // let the wait matcher read the approval's run.resumed first
    await emit('payment.settled', orderId, { amount: 3 });
    expect((await done).at(-1)).toMatchObject({ type: 'workflow.finished', status: 'succeeded' });
  });

  it('refuses a bad event name or a decision for a node that does not wait, changing nothing', async () => {
    const bad = await stack.gql('mutation { emitEvent(input: { name: "has spaces" }) { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const runId = await startRun(stack, await publish(approvalGraph()), {});
    await untilWaiting(runId);
    const wrongNode = await stack.gql('mutation ($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }', { input: { runId, nodeId: 'on_approved', approved: true } });
    expect(wrongNode.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const unknownRun = await stack.gql('mutation ($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }', { input: { runId: crypto.randomUUID(), nodeId: 'gate', approved: true } });
    expect(unknownRun.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await nodeStatus(runId, 'gate')).toBe('waiting');
  });
});
