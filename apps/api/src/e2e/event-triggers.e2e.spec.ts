import { beforeAll, describe, expect, it } from 'vitest';
import { edge, node } from './graphs.js';
import { publishWorkflow, startRun, waitForRun, type Client, type Stack } from './harness.js';
import { outsiderClient, stackPerFile } from './stack-per-file.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hello = { nodes: [node('hello', 'set', { values: { hello: true } })], edges: [] };
const failing = { nodes: [node('boom', 'set', { values: { x: '{{ $error("boom") }}' } })], edges: [] };

type Started = { runId: string; workflowId: string; input: unknown; trigger: { kind: string; triggerId: string; name: string; eventId: string; depth?: number }; startedAt: string };
type Emitted = { id: string; repeated: boolean; subscribers: number; waitingRuns: number; warning: string | null; receivedAt: string };

const EMIT = 'mutation ($input: EmitEventInput!) { emitEvent(input: $input) { id name correlationKey receivedAt repeated subscribers waitingRuns warning } }';

describe('event triggers', () => {
  const file = stackPerFile();
  let stack: Stack;
  let elsewhere: Client;

  beforeAll(async () => {
    stack = file.stack;
    elsewhere = await outsiderClient(stack);
  });

  const setTriggers = (client: Client, workflowId: string, triggers: unknown) =>
    client.gql<{ setWorkflowTriggers: { triggers: unknown } }>('mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { triggers } }', { w: workflowId, t: triggers });
  const subscribe = async (client: Client, name: string, triggers: unknown, graph: unknown = hello) => {
    const workflowId = await publishWorkflow(client, name, graph);
    expect((await setTriggers(client, workflowId, triggers)).errors).toBeUndefined();
    return workflowId;
  };
  const emit = async (input: Record<string, unknown>) => (await stack.ok<{ emitEvent: Emitted }>(EMIT, { input })).emitEvent;
  /** The runs event triggers started for a workflow, from the event store. */
  const started = async (workflowId: string): Promise<Started[]> =>
    (
      await stack.platform.pool.query<Started>(
        `SELECT data->>'runId' AS "runId", data->>'workflowId' AS "workflowId", data->'input' AS input, data->'trigger' AS trigger, data->>'startedAt' AS "startedAt" FROM events
          WHERE type = 'workflow.started' AND data->>'workflowId' = $1 AND data->'trigger'->>'kind' = 'event' ORDER BY global_position`,
        [workflowId],
      )
    ).rows;
  /** Until the event-triggers reactor has the workflow's triggers (the `subscribers` count reads them). */
  const untilSubscribed = (workflowIds: string[]) =>
    expect
      .poll(async () => (await stack.platform.pool.query('SELECT DISTINCT workflow_id FROM event_triggers WHERE workflow_id = ANY($1)', [workflowIds])).rowCount, { timeout: 5000 })
      .toBe(workflowIds.length);

  it('starts every subscribed workflow of the workspace with the payload as input; not a filtered-out, archived or foreign one', async () => {
    const name = 'order.created';
    const plain = await subscribe(stack, 'plain', [{ id: 'orders', kind: 'event', name }]);
    const big = await subscribe(stack, 'big orders', [{ id: 'big', kind: 'event', name, filter: 'amount > 100 and $trigger.currency = "EUR"' }]);
    const huge = await subscribe(stack, 'huge orders', [{ id: 'huge', kind: 'event', name, filter: 'amount > 1000' }]);
    const archived = await subscribe(stack, 'archived', [{ id: 'orders', kind: 'event', name }]);
    await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: archived });
    const foreign = await subscribe(elsewhere, 'foreign', [{ id: 'orders', kind: 'event', name }]);
    await untilSubscribed([plain, big, huge, foreign]);
    await expect.poll(async () => (await stack.platform.pool.query('SELECT 1 FROM event_triggers WHERE workflow_id = $1', [archived])).rowCount, { timeout: 5000 }).toBe(0);

    const payload = { orderId: 'o-1', amount: 250, currency: 'EUR' };
    const emitted = await emit({ name, payload });
    expect(emitted).toMatchObject({ repeated: false, subscribers: 3, waitingRuns: 0, warning: null });
    await expect.poll(async () => (await started(plain)).length + (await started(big)).length, { timeout: 5000 }).toBe(2);
    for (const [workflowId, triggerId] of [[plain, 'orders'], [big, 'big']] as const) {
      const [run] = await started(workflowId);
      expect(run).toMatchObject({ input: payload, trigger: { kind: 'event', triggerId, name, eventId: emitted.id } });
      console.log(`emit → workflow.started (${triggerId}): ${Date.parse(run!.startedAt) - Date.parse(emitted.receivedAt)} ms`);
      expect((await waitForRun(stack, run!.runId)).status).toBe('succeeded');
    }
    const read = await stack.ok<{ run: { trigger: unknown; input: unknown } }>('query ($id: ID!) { run(id: $id) { trigger input } }', { id: (await started(plain))[0]!.runId });
    expect(read.run).toEqual({ trigger: { kind: 'event', triggerId: 'orders', name, eventId: emitted.id }, input: payload });

    // A small order: the filtered workflows stay still; the plain one runs again.
    await emit({ name, payload: { orderId: 'o-2', amount: 5, currency: 'EUR' } });
    await expect.poll(async () => (await started(plain)).length, { timeout: 5000 }).toBe(2);
    await sleep(500);
    expect(await started(big)).toHaveLength(1);
    expect(await started(huge)).toHaveLength(0);
    expect(await started(archived)).toHaveLength(0);
    expect(await started(foreign)).toHaveLength(0);
  });

  it('resumes a run waiting for the event and starts a subscriber with the same emit, over HTTP', async () => {
    const name = 'payment.settled';
    const waiting = await publishWorkflow(stack, 'waiter', {
      nodes: [node('gate', 'wait', { for: 'event', event: name, correlationKey: '{{ orderId }}', timeoutSeconds: 30 }), node('paid', 'set', { values: { paid: true } })],
      edges: [edge('gate', 'paid', 'received')],
    });
    const subscriber = await subscribe(stack, 'on payment', [{ id: 'pay', kind: 'event', name }]);
    await untilSubscribed([subscriber]);
    const runId = await startRun(stack, waiting, { orderId: 'o-9' });
    await expect.poll(async () => (await stack.platform.pool.query('SELECT 1 FROM event_waits WHERE run_id = $1', [runId])).rowCount, { timeout: 10_000 }).toBe(1);
    const response = await fetch(`${stack.base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.headers },
      body: JSON.stringify({ name, correlationKey: 'o-9', payload: { amount: 42 } }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ name, correlationKey: 'o-9', subscribers: 1, waitingRuns: 1, warning: null, repeated: false });
    expect(await waitForRun(stack, runId)).toMatchObject({ status: 'succeeded' });
    await expect.poll(async () => (await started(subscriber)).map((r) => r.input), { timeout: 5000 }).toEqual([{ amount: 42 }]);
  });

  it('records an emit retried with the same idempotency key once, and starts each workflow once (GraphQL and HTTP)', async () => {
    const name = 'invoice.paid';
    const one = await subscribe(stack, 'invoices 1', [{ id: 'a', kind: 'event', name }]);
    const two = await subscribe(stack, 'invoices 2', [{ id: 'b', kind: 'event', name }]);
    await untilSubscribed([one, two]);
    const first = await emit({ name, payload: { n: 1 }, idempotencyKey: 'inv-7' });
    const again = await emit({ name, payload: { n: 2 }, idempotencyKey: 'inv-7' });
    const posted = (await (
      await fetch(`${stack.base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'inv-7', ...stack.headers }, body: JSON.stringify({ name, payload: { n: 3 } }) })
    ).json()) as Emitted;
    expect(first.repeated).toBe(false);
    expect([again.id, again.repeated, posted.id, posted.repeated]).toEqual([first.id, true, first.id, true]);
    const recorded = await stack.platform.pool.query("SELECT 1 FROM events WHERE type = 'signal.received' AND data->>'signalId' = $1", [first.id]);
    expect(recorded.rowCount).toBe(1);
    await expect.poll(async () => [...(await started(one)), ...(await started(two))].map((r) => r.input), { timeout: 5000 }).toEqual([{ n: 1 }, { n: 1 }]);
    await sleep(500);
    expect((await started(one)).length + (await started(two)).length).toBe(2);
    // Another key is another event.
    expect((await emit({ name, payload: { n: 4 }, idempotencyKey: 'inv-8' })).id).not.toBe(first.id);
  });

  it('refuses a bad filter, a bad name or a filter on a name that watches no workflow, naming the field; answers an event nobody hears clearly', async () => {
    const workflowId = await publishWorkflow(stack, 'refusals', hello);
    const fieldOf = async (triggers: unknown) => (await setTriggers(stack, workflowId, triggers)).errors?.[0]?.extensions;
    expect(await fieldOf([{ id: 'a', kind: 'event', name: 'order.created', filter: 'amount >' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].filter' });
    expect(await fieldOf([{ id: 'a', kind: 'event', name: 'order.created', filter: '$eval("1")' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].filter' });
    expect(await fieldOf([{ id: 'a', kind: 'event', name: 'bad name' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].name' });
    expect(await fieldOf([{ id: 'a', kind: 'event', name: 'order.created', workflowId }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'triggers[0].workflowId' });
    expect((await stack.ok<{ workflow: { triggers: unknown[] } }>('query ($id: ID!) { workflow(id: $id) { triggers } }', { id: workflowId })).workflow.triggers).toEqual([]);

    expect((await stack.gql(EMIT, { input: { name: 'bad name' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect((await stack.gql(EMIT, { input: { name: 'ok', idempotencyKey: 'has space' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    const before = (await stack.platform.pool.query("SELECT 1 FROM events WHERE type = 'workflow.started'")).rowCount;
    const lonely = await emit({ name: 'nobody.listens', payload: {} });
    expect(lonely).toMatchObject({ subscribers: 0, waitingRuns: 0, repeated: false });
    expect(lonely.warning).toMatch(/no workflow subscribes to "nobody.listens" and no run waits for it/);
    await sleep(500);
    expect((await stack.platform.pool.query("SELECT 1 FROM events WHERE type = 'workflow.started'")).rowCount).toBe(before);
  });

  it('starts a failing workflow’s error handler once with the failure as input; handlers never trigger on their own failure, nor cascade past 5 levels', { timeout: 60_000 }, async () => {
    const fails = await publishWorkflow(stack, 'fails', failing);
    const handler = await subscribe(stack, 'error handler', [{ id: 'on-fail', kind: 'event', name: 'workflow.failed', workflowId: fails }]);
    // Two handlers of any failure that fail themselves: each one's failure starts the other, never itself.
    const x = await subscribe(stack, 'failing handler x', [{ id: 'any', kind: 'event', name: 'workflow.failed' }], failing);
    const y = await subscribe(stack, 'failing handler y', [{ id: 'any', kind: 'event', name: 'workflow.failed' }], failing);
    await untilSubscribed([handler, x, y]);
    // An emitted event cannot pose as a failure.
    expect(await emit({ name: 'workflow.failed', payload: { runId: 'forged' } })).toMatchObject({ subscribers: 0 });

    const runId = await startRun(stack, fails, { n: 1 });
    expect((await waitForRun(stack, runId)).status).toBe('failed');
    await expect.poll(async () => (await started(handler)).length, { timeout: 5000 }).toBe(1);
    const [run] = await started(handler);
    expect(run!.trigger).toEqual({ kind: 'event', triggerId: 'on-fail', name: 'workflow.failed', eventId: runId, depth: 1 });
    expect(run!.input).toMatchObject({ runId, workflowId: fails, workflowVersion: 1, status: 'failed', error: { nodeId: 'boom' } });
    expect(typeof (run!.input as { finishedAt: unknown }).finishedAt).toBe('string');
    expect((await waitForRun(stack, run!.runId)).status).toBe('succeeded');

    await expect.poll(async () => (await started(x)).length + (await started(y)).length, { timeout: 30_000 }).toBe(10);
    await sleep(2000);
    const handlers = [...(await started(x)), ...(await started(y))];
    expect(handlers).toHaveLength(10); // 2 per level, 5 levels: a run 5 deep starts nothing
    expect(handlers.map((r) => r.trigger.depth).sort()).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const workflowOf = new Map(handlers.map((r) => [r.runId, r.workflowId]));
    for (const r of handlers) expect(workflowOf.get(r.trigger.eventId)).not.toBe(r.workflowId); // never its own failure
    expect(await started(handler)).toHaveLength(1);
    for (const id of [x, y]) await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id });
  });
});
