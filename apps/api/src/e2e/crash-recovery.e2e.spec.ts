import { edge, node } from './graphs.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { startFlakyServer } from './flaky-server.js';
import { publishWorkflow, startRun, startStack, waitForRun, type Stack } from './harness.js';
import { duplicateCompletions } from './invariants.js';
import { until } from './slow-server.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';


/**
 * Every background process (workers, relay, projectors, scheduler, wait matcher, child-runs
 * coordinator) is SIGKILLed while runs are retrying, waiting and looping; after a restart
 * each run ends exactly as it would have without the crash.
 */
describe('crash in the middle of retries, waits and loops', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('ends every run as it would have without the crash, with no attempt completed twice', { timeout: 180_000 }, async () => {
    const env: TestEnv = await createTestEnv();
    cleanups.push(() => env.cleanup());
    const server = await startFlakyServer();
    cleanups.push(() => server.close());
    const vars = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix };
    const stack: Stack = await startStack({ env: vars, roles: [], silent: process.env.WEFT_TEST_LOGS !== '1' }); // the API only: it holds no state
    cleanups.push(() => stack.close());
    const processEnv = { ...vars, WEFT_VISIBILITY_TIMEOUT_MS: '2000', WEFT_HTTP_ALLOW: '127.0.0.1' };
    const spawnAll = () => [spawnWorker({ ...processEnv, WEFT_ROLES: 'worker' }), spawnWorker({ ...processEnv, WEFT_ROLES: 'relay,projector,scheduler' })];
    let processes: WorkerProcess[] = spawnAll();
    cleanups.push(async () => void (await Promise.all(processes.map((p) => p.kill()))));

    const flakyPath = `/flaky/${crypto.randomUUID()}`;
    const retrying = await publishWorkflow(stack, 'retrying', {
      nodes: [node('call', 'http', { url: `${server.origin}${flakyPath}?fail=2` }, { retry: { maxAttempts: 3, backoff: 'fixed', initialIntervalMs: 1500, maxIntervalMs: 1500, jitter: 0 } })],
      edges: [],
    });
    const approval = await publishWorkflow(stack, 'approval', {
      nodes: [node('gate', 'wait', { for: 'approval' }), node('yes', 'set', { values: { path: 'approved' } }), node('no', 'set', { values: { path: 'rejected' } })],
      edges: [edge('gate', 'yes', 'approved'), edge('gate', 'no', 'rejected')],
    });
    const event = await publishWorkflow(stack, 'event', {
      nodes: [node('gate', 'wait', { for: 'event', event: 'shipped', correlationKey: '{{ order }}' }), node('after', 'set', { values: { seen: true } })],
      edges: [edge('gate', 'after', 'received')],
    });
    const child = await publishWorkflow(stack, 'slow double', {
      nodes: [node('pause', 'delay', { seconds: 0.4 }), node('twice', 'set', { values: { doubled: '{{ n * 2 }}' }, keepInput: false })],
      edges: [edge('pause', 'twice')],
    });
    const loop = await publishWorkflow(stack, 'loop', { nodes: [node('each', 'map', { workflowId: child, items: '{{ $map([1..12], function($v) { { "n": $v } }) }}', concurrency: 2 })], edges: [] });

    const runs = {
      retrying: await startRun(stack, retrying, {}),
      approval: await startRun(stack, approval, {}),
      event: await startRun(stack, event, { order: 'o-9' }),
      loop: await startRun(stack, loop, {}),
    };
    const nodeStatus = async (runId: string, nodeId: string) => (await stack.platform.prisma.nodeRun.findUnique({ where: { runId_nodeId: { runId, nodeId } } }))?.status;
    const childrenDone = async () => Number((await stack.platform.pool.query<{ n: string }>("SELECT count(*) AS n FROM rm_runs WHERE workflow_id = $1 AND status = 'succeeded'", [child])).rows[0]?.n);
    await until('the HTTP node to be retrying', async () => (await nodeStatus(runs.retrying, 'call')) === 'retrying');
    await until('both waits to be waiting', async () => (await nodeStatus(runs.approval, 'gate')) === 'waiting' && (await nodeStatus(runs.event, 'gate')) === 'waiting');
    await until('the loop to be half-way', async () => (await childrenDone()) >= 3);

    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    const doneAtCrash = await childrenDone();
    expect(doneAtCrash).toBeLessThan(12);
    processes = spawnAll();

    await stack.ok('mutation ($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }', { input: { runId: runs.approval, nodeId: 'gate', approved: true } });
    await stack.ok('mutation { emitEvent(input: { name: "shipped", correlationKey: "o-9", payload: { carrier: "x" } }) { id } }');

    /** The run's outcome; on a timeout, the error says where every node of it stood and what the processes logged last. */
    const settled = async (runId: string) => {
      try {
        return await waitForRun(stack, runId, 60_000);
      } catch (error) {
        const nodes = await stack.platform.prisma.nodeRun.findMany({ where: { runId }, select: { nodeId: true, status: true, attempt: true } });
        throw new Error(`${String(error)}; nodes ${JSON.stringify(nodes)}; logs: ${processes.map((p) => p.output().slice(-1500)).join(' | ')}`, { cause: error });
      }
    };
    expect(await settled(runs.retrying)).toMatchObject({ status: 'succeeded', output: { status: 200, body: { call: 3 } } });
    expect(await settled(runs.approval)).toMatchObject({ status: 'succeeded', output: { path: 'approved' } });
    expect(await settled(runs.event)).toMatchObject({ status: 'succeeded', output: { carrier: 'x', seen: true } });
    expect(await settled(runs.loop)).toMatchObject({ status: 'succeeded', output: Array.from({ length: 12 }, (_, i) => ({ doubled: (i + 1) * 2 })) });

    expect(server.calls(flakyPath)).toBe(3);
    expect(await childrenDone()).toBe(12);
    const { rows } = await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_runs WHERE workflow_id = $1', [child]);
    expect(Number(rows[0]?.n)).toBe(12); // no item started twice
    expect(await duplicateCompletions(stack.platform.pool)).toEqual([]);
  });
});
