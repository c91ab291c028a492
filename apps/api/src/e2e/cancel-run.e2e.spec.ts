import { afterEach, describe, expect, it } from 'vitest';
import { TaskQueue } from '@weft/bus';
import { createTestEnv } from '@weft/testing';
import { hangingFanoutGraph, linearGraph } from './graphs.js';
import { startHangingServer, type HangingServer } from './hanging-server.js';
import { publishWorkflow, startRun, startStack, waitForRun, type Stack } from './harness.js';
import { until } from './slow-server.js';

const WIDTH = 20;
const CANCEL = 'mutation ($id: ID!) { cancelRun(id: $id, reason: "stop") { status } }';

type StoredRunEvent = { type: string; nodeId: string | null; status: string | null };

describe('a run that ends (cancelled, failed) aborts its nodes still running', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const setUp = async (env: Record<string, string> = {}) => {
    const test = await createTestEnv();
    cleanups.push(() => test.cleanup());
    const stack = await startStack({ env: { DATABASE_URL: test.databaseUrl, REDIS_URL: test.redisUrl, WEFT_REDIS_PREFIX: test.redisPrefix, ...env }, silent: process.env.WEFT_TEST_LOGS !== '1' });
    cleanups.push(() => stack.close());
    const server = await startHangingServer();
    cleanups.push(() => server.close());
    return { stack, server };
  };

  /** Starts a run of WIDTH parallel hanging HTTP nodes before a merge, and waits until all of them are running. */
  const startHangingRun = async (stack: Stack, server: HangingServer) => {
    const runId = await startRun(stack, await publishWorkflow(stack, 'hanging fan-out', hangingFanoutGraph(server.url, WIDTH)));
    await until(`${WIDTH} open requests`, () => server.open === WIDTH);
    await until(`${WIDTH} nodes running`, async () => {
      const { run } = await stack.ok<{ run: { nodeRuns: { status: string }[] } }>('query ($id: ID!) { run(id: $id) { nodeRuns { status } } }', { id: runId });
      return run.nodeRuns.filter((n) => n.status === 'running').length === WIDTH;
    });
    return runId;
  };

  /** Cancels the run and measures how long until the server saw every request closed. */
  const cancelAndTimeAborts = async (stack: Stack, server: HangingServer, runId: string, timeoutMs: number) => {
    const cancelledAt = performance.now();
    const cancelled = await stack.ok<{ cancelRun: { status: string } }>(CANCEL, { id: runId });
    expect(cancelled.cancelRun.status).toBe('cancelled');
    await until(`all ${WIDTH} requests aborted`, () => server.closedByClient === WIDTH, timeoutMs);
    return Math.round(performance.now() - cancelledAt);
  };

  const storedEvents = async (stack: Stack, runId: string): Promise<StoredRunEvent[]> => {
    const { rows } = await stack.platform.pool.query<StoredRunEvent>("SELECT type, data->>'nodeId' AS \"nodeId\", data->>'status' AS status FROM events WHERE stream_id = $1 ORDER BY version", [`run-${runId}`]);
    return rows;
  };

  const pendingTasks = async (stack: Stack) => (await new TaskQueue(stack.platform.redis, stack.config.redisPrefix).depth('default')).pending;

  it(`ends the run cancelled and closes all ${WIDTH} HTTP requests within seconds; nothing runs or reports after; the worker is free again`, async ({ annotate }) => {
    // Lease checks every 20 s: only the live announcement of the end can abort the nodes this fast.
    const { stack, server } = await setUp({ WEFT_VISIBILITY_TIMEOUT_MS: '60000' });
    const runId = await startHangingRun(stack, server);

    const abortMs = await cancelAndTimeAborts(stack, server, runId, 5000);
    await annotate(`all ${WIDTH} requests closed ${abortMs} ms after cancelRun was sent`);
    expect(abortMs).toBeLessThan(3000);
    await until('the aborted tasks to be acked, not handed back', async () => (await pendingTasks(stack)) === 0, 2000);
    expect(await waitForRun(stack, runId)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled: stop' } });

    // The worker is free: a fresh run succeeds promptly.
    const startedAt = performance.now();
    const fresh = await startRun(stack, await publishWorkflow(stack, 'after the cancel', linearGraph(3)), { n: 1 });
    expect(await waitForRun(stack, fresh, 5000)).toMatchObject({ status: 'succeeded' });
    await annotate(`a fresh 3-node run then took ${Math.round(performance.now() - startedAt)} ms`);

    const events = await storedEvents(stack, runId);
    expect(events.at(-1)).toEqual({ type: 'workflow.finished', nodeId: null, status: 'cancelled' });
    expect(events.filter((e) => e.type === 'node.completed' || e.type === 'node.failed')).toEqual([]);
    expect(events.filter((e) => e.nodeId === 'after')).toEqual([]);
    expect(events.filter((e) => e.type === 'node.started')).toHaveLength(WIDTH);
    expect(server.received).toBe(WIDTH);
  });

  it('aborts the nodes still running when the run fails because another node failed', async () => {
    const { stack, server } = await setUp({ WEFT_VISIBILITY_TIMEOUT_MS: '60000' });
    const graph = hangingFanoutGraph(server.url, 5);
    graph.nodes.push({ id: 'wait', type: 'delay', config: { seconds: 2 } }, { id: 'bad', type: 'set', config: { values: { x: '{{ $number("not a number") }}' } } });
    graph.edges.push({ id: 'wait__bad', source: 'wait', target: 'bad' });
    const runId = await startRun(stack, await publishWorkflow(stack, 'hanging, then failing', graph));
    await until('5 open requests', () => server.open === 5);

    expect(await waitForRun(stack, runId)).toMatchObject({ status: 'failed', error: { nodeId: 'bad' } });
    await until('all 5 requests aborted', () => server.closedByClient === 5, 3000);
    await until('the aborted tasks to be acked', async () => (await pendingTasks(stack)) === 0, 2000);
    const events = await storedEvents(stack, runId);
    expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'failed' });
    expect(events.filter((e) => e.type === 'node.failed').map((e) => e.nodeId)).toEqual(['bad']);
  });

  it('aborts them even when every live announcement of the end is lost, at the next lease check', async ({ annotate }) => {
    // Visibility timeout 2 s: the worker extends leases, and checks for ended runs, every 667 ms.
    const { stack, server } = await setUp({ WEFT_VISIBILITY_TIMEOUT_MS: '2000' });
    const runId = await startHangingRun(stack, server);
    const publisher = stack.platform.live.publisher;
    publisher.publish = () => Promise.resolve(0); // the fast path's announcement
    publisher.publishMany = () => Promise.resolve(); // the projector's

    const abortMs = await cancelAndTimeAborts(stack, server, runId, 5000);
    await annotate(`all ${WIDTH} requests closed ${abortMs} ms after cancelRun was sent, with no live message`);
    await until('the aborted tasks to be acked', async () => (await pendingTasks(stack)) === 0, 2000);
    expect(await waitForRun(stack, runId)).toMatchObject({ status: 'cancelled' });
    const events = await storedEvents(stack, runId);
    expect(events.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'cancelled' });
    expect(events.filter((e) => e.type === 'node.completed' || e.type === 'node.failed')).toEqual([]);
  });
});
