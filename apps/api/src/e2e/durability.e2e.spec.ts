import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, startPrivateRedis, type TestEnv } from '@weft/testing';
import { resetReadModels, waitForReadModels } from '@weft/engine';
import { branchGraph, delayGraph, fanoutGraph, linearGraph, slowHttpGraph } from './graphs.js';
import { publishWorkflow, startRun, startStack, waitForRun, type Stack } from './harness.js';
import { duplicateCompletions, runOutcomes } from './invariants.js';
import { startSlowServer, until, type SlowServer } from './slow-server.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';

describe('durability', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const setUp = async (extra: Record<string, string> = {}, roles?: Parameters<typeof startStack>[0]['roles']) => {
    const env: TestEnv = await createTestEnv();
    cleanups.push(() => env.cleanup());
    const vars = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, ...extra };
    const stack = await startStack({ env: vars, roles, silent: process.env.WEFT_TEST_LOGS !== '1' });
    cleanups.push(() => stack.close());
    return { env, vars, stack };
  };
  const slowServer = async (delayMs: number): Promise<SlowServer> => {
    const server = await startSlowServer(delayMs);
    cleanups.push(() => server.close());
    return server;
  };

  it('finishes all 50 runs when the worker process is SIGKILLed mid-flight, with no attempt completed twice', async () => {
    const { vars, stack } = await setUp({}, ['relay', 'projector', 'scheduler']);
    const server = await slowServer(400);
    const workerEnv = { ...vars, WEFT_ROLES: 'worker', WEFT_VISIBILITY_TIMEOUT_MS: '2000', WEFT_HTTP_ALLOW: '127.0.0.1', WEFT_WORKER_CONCURRENCY: '64' };
    const workers: WorkerProcess[] = [];
    cleanups.push(async () => void (await Promise.all(workers.map((w) => w.kill()))));
    workers.push(spawnWorker(workerEnv));

    const workflowId = await publishWorkflow(stack, 'slow', slowHttpGraph(server.url));
    const runIds = await Promise.all(Array.from({ length: 50 }, (_, i) => startRun(stack, workflowId, { i })));
    await until('20 requests in flight', () => server.inFlight >= 20);
    await workers[0]!.kill('SIGKILL');
    const lostInFlight = server.received;
    workers.push(spawnWorker(workerEnv));

    const results = await Promise.all(runIds.map((id) => waitForRun(stack, id, 60_000)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill('succeeded'));
    expect(server.received).toBeGreaterThan(lostInFlight); // the killed worker's tasks were run again
    expect(await duplicateCompletions(stack.platform.pool)).toEqual([]);
  });

  it('finishes every run in flight after FLUSHALL on Redis, rebuilding queues from PostgreSQL', async () => {
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const { stack } = await setUp({ REDIS_URL: redis.url });
    const server = await slowServer(300);
    const slow = await publishWorkflow(stack, 'slow', slowHttpGraph(server.url));
    const linear = await publishWorkflow(stack, 'linear', linearGraph(10));
    const runIds = [
      ...(await Promise.all(Array.from({ length: 20 }, () => startRun(stack, slow)))),
      ...(await Promise.all(Array.from({ length: 20 }, (_, n) => startRun(stack, linear, { n })))),
    ];
    await until('10 requests in flight', () => server.inFlight >= 10);
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();

    const results = await Promise.all(runIds.map((id) => waitForRun(stack, id, 60_000)));
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(await duplicateCompletions(stack.platform.pool)).toEqual([]);
  });

  it('rebuilds the read models from the event store equal to what they were', async () => {
    const { stack } = await setUp();
    const ids = [
      await publishWorkflow(stack, 'linear', linearGraph(5)),
      await publishWorkflow(stack, 'fanout', fanoutGraph(4)),
      await publishWorkflow(stack, 'branch', branchGraph()),
      await publishWorkflow(stack, 'failing', { nodes: [{ id: 'bad', type: 'set', config: { values: { x: '{{ $number("not a number") }}' } } }], edges: [] }),
    ];
    await stack.ok('mutation ($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id } }', { input: { id: ids[0], name: 'renamed' } });
    await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: ids[2] });
    const runIds = [await startRun(stack, ids[0]!, { n: 1 }), await startRun(stack, ids[1]!), await startRun(stack, ids[3]!)];
    for (const id of runIds) await waitForRun(stack, id);
    const outcomes = await runOutcomes(stack.platform.pool, runIds);
    expect(outcomes).toEqual({ succeeded: 2, failed: 1 });
    await waitForReadModels(stack.platform.pool);

    const snapshot = async () => {
      const q = (sql: string) => stack.platform.pool.query<Record<string, unknown>>(sql).then((r) => r.rows);
      return {
        workflows: await q('SELECT * FROM rm_workflows ORDER BY id'),
        versions: await q('SELECT * FROM rm_workflow_versions ORDER BY workflow_id, version'),
        runs: await q('SELECT * FROM rm_runs ORDER BY id'),
        nodeRuns: await q('SELECT * FROM rm_node_runs ORDER BY run_id, node_id'),
      };
    };
    const before = await snapshot();
    expect(before.nodeRuns.length).toBeGreaterThan(10);
    await resetReadModels(stack.platform.pool);
    expect((await snapshot()).runs).toEqual([]);
    await waitForReadModels(stack.platform.pool, { timeoutMs: 30_000 });
    expect(await snapshot()).toEqual(before);
  });

  it('fires a delay once after every process was stopped past its due time', async () => {
    const env = await createTestEnv();
    cleanups.push(() => env.cleanup());
    const vars = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix };
    const first: Stack = await startStack({ env: vars });
    const workflowId = await publishWorkflow(first, 'delay', delayGraph(2));
    const runId = await startRun(first, workflowId, { n: 1 });
    await until('the delay to be waiting', async () => (await first.platform.prisma.nodeRun.findUnique({ where: { runId_nodeId: { runId, nodeId: 'wait' } } }))?.status === 'waiting');
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const second = await startStack({ env: vars });
    cleanups.push(() => second.close());
    expect(await waitForRun(second, runId)).toMatchObject({ status: 'succeeded', output: { n: 1, woke: true } });
    const { rows } = await second.platform.pool.query<{ type: string; n: string }>(
      "SELECT type, count(*)::text AS n FROM events WHERE stream_id = $1 AND type IN ('run.waiting', 'run.resumed') GROUP BY type ORDER BY type",
      [`run-${runId}`],
    );
    expect(rows).toEqual([
      { type: 'run.resumed', n: '1' },
      { type: 'run.waiting', n: '1' },
    ]);
  });
});
