import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TaskQueue, type TaskMessage } from '@weft/bus';
import { runStreamId } from '@weft/domain';
import { PgEventStore } from '@weft/event-store';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { createLogger } from '../logger.js';
import { endedRunsIn } from './ended-runs.js';
import { RunEndedError, WorkerLoop, type WorkerLoopOptions } from './worker-loop.js';

const QUEUE = 'default';

/** Polls until `condition` holds, or fails after `timeoutMs` naming `what`. */
async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WorkerLoop and ended runs', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let store: PgEventStore;
  const connections: Redis[] = [];
  const loops: WorkerLoop[] = [];
  const redis = () => {
    const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl });
    store = new PgEventStore(pool);
  });
  afterEach(async () => {
    for (const loop of loops.splice(0)) await loop.stop(0);
  });
  afterAll(async () => {
    for (const connection of connections) connection.disconnect();
    await pool.end();
    await env.cleanup();
  });

  /** A loop on its own queue prefix whose tasks run until aborted; `reasons` records each task's abort reason. */
  const startLoop = async (options: Partial<WorkerLoopOptions> = {}, prefix = `${env.redisPrefix}${randomUUID().slice(0, 8)}:`) => {
    const queue = new TaskQueue(redis(), prefix);
    await queue.ensureGroup(QUEUE);
    const reasons = new Map<string, unknown>();
    const warnings: string[] = [];
    const logger = { ...createLogger({}, { silent: true }), warn: (message: string) => void warnings.push(message) };
    const loop = new WorkerLoop({
      readers: new Map([[QUEUE, new TaskQueue(redis(), prefix)]]),
      control: queue,
      consumer: 'worker-1',
      concurrency: 8,
      visibilityTimeoutMs: 60_000,
      blockMs: 100,
      process: (task, signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            reasons.set(`${task.runId}/${task.nodeId}`, signal.reason);
            reject(new Error('aborted'));
          }),
        ),
      logger: { ...logger, child: () => logger },
      ...options,
    });
    loops.push(loop);
    loop.start();
    const enqueue = (runId: string, nodeId: string) => queue.enqueue(QUEUE, { runId, nodeId, attempt: 1, workspaceId: 'ws', scheduledAt: new Date().toISOString() } satisfies TaskMessage);
    return { loop, queue, reasons, warnings, enqueue };
  };

  const startedRun = async () => {
    const runId = randomUUID();
    await store.append(runStreamId(runId), [{ type: 'workflow.started', data: {} }], { expectedVersion: 0, streamType: 'run', workspaceId: 'ws' });
    return runId;
  };
  const finish = (runId: string) => store.append(runStreamId(runId), [{ type: 'workflow.finished', data: { status: 'cancelled' } }], { expectedVersion: 1, streamType: 'run', workspaceId: 'ws', closesStream: true });

  it('aborts the tasks of a run that ended and acks them; other runs go on; tasks given up otherwise stay pending', async () => {
    const { loop, queue, reasons, enqueue } = await startLoop();
    await enqueue('ended', 'a');
    await enqueue('ended', 'b');
    await enqueue('other', 'c');
    await until('3 tasks in flight', () => loop.busy === 3);

    expect(loop.runEnded('ended')).toBe(2);
    await until('the ended run’s tasks to be acked', async () => loop.busy === 1 && (await queue.depth(QUEUE)).pending === 1);
    expect(reasons.get('ended/a')).toBeInstanceOf(RunEndedError);
    expect(reasons.get('ended/b')).toMatchObject({ runId: 'ended' });
    expect(reasons.has('other/c')).toBe(false);
    expect(loop.runEnded('ended')).toBe(0); // told twice (fast path and projector): nothing left to do

    await loop.stop(0);
    expect(reasons.get('other/c')).not.toBeInstanceOf(RunEndedError);
    expect(await queue.depth(QUEUE)).toEqual({ length: 1, pending: 1, waiting: 0 }); // handed back for another worker
  });

  it('aborts the tasks of a run whose end is committed at the next lease check, with no notice at all (the safety net)', async () => {
    const [ended, running] = [await startedRun(), await startedRun()];
    const { loop, queue, reasons, enqueue } = await startLoop({ visibilityTimeoutMs: 1000, endedRuns: (runIds) => endedRunsIn(store, runIds) });
    await enqueue(ended, 'a');
    await enqueue(running, 'b');
    await until('2 tasks in flight', () => loop.busy === 2);
    await new Promise((resolve) => setTimeout(resolve, 400)); // a lease check passes: nothing has ended yet
    expect(loop.busy).toBe(2);

    await finish(ended);
    const finishedAt = Date.now();
    await until('the ended run’s task to be aborted and acked', async () => loop.busy === 1 && (await queue.depth(QUEUE)).pending === 1, 2000);
    expect(Date.now() - finishedAt).toBeLessThan(1000); // visibility timeout ÷ 3, plus one query
    expect(reasons.get(`${ended}/a`)).toBeInstanceOf(RunEndedError);
    expect(reasons.has(`${running}/b`)).toBe(false);
  });

  it('keeps leasing and working when the ended-runs check fails', async () => {
    let checks = 0;
    const { loop, reasons, warnings, enqueue } = await startLoop({
      visibilityTimeoutMs: 1000,
      endedRuns: () => {
        checks += 1;
        return Promise.reject(new Error('database down'));
      },
    });
    await enqueue('run', 'a');
    await until('two failed checks', () => checks >= 2, 2000);
    expect(warnings).toContain('checking for ended runs failed');
    expect(loop.busy).toBe(1);
    expect(reasons.size).toBe(0);
  });

  it('recovers tasks in flight at several worker deaths one at a time, each alone, and dead-letters one delivered more than maxDeliveries times', async () => {
    // Tasks a dead worker held: 'a' and 'b' were in flight at two deaths already, 'poison' at four.
    const prefix = `${env.redisPrefix}${randomUUID().slice(0, 8)}:`;
    const seed = new TaskQueue(redis(), prefix);
    await seed.ensureGroup(QUEUE);
    const task = (nodeId: string): TaskMessage => ({ runId: 'r', nodeId, attempt: 1, workspaceId: 'ws', scheduledAt: new Date().toISOString() });
    for (const nodeId of ['a', 'b', 'poison']) await seed.enqueue(QUEUE, task(nodeId));
    await seed.consume(QUEUE, 'dead-worker', { count: 3 });
    const streamKey = seed.keys.taskStream(QUEUE);
    const ids = Object.fromEntries(((await redis().xrange(streamKey, '-', '+')) as [string, string[]][]).map(([id, fields]) => [(JSON.parse(fields[1]!) as { nodeId: string }).nodeId, id]));
    // Earlier reclaims that ended with the worker dying: the delivery counter says so.
    await redis().xclaim(streamKey, seed.group, 'dead-worker', 0, ids.a!, ids.b!, ids.poison!);
    for (let i = 0; i < 2; i += 1) await redis().xclaim(streamKey, seed.group, 'dead-worker', 0, ids.poison!);
    await new Promise((resolve) => setTimeout(resolve, 150));

    let running = 0;
    let most = 0;
    const ran: string[] = [];
    const deadLettered: { nodeId: string; deliveries: number }[] = [];
    await startLoop(
      {
        visibilityTimeoutMs: 100,
        maxDeliveries: 3,
        concurrency: 8,
        process: async (t) => {
          most = Math.max(most, (running += 1));
          await new Promise((resolve) => setTimeout(resolve, 50));
          running -= 1;
          ran.push(t.nodeId);
          return 'completed';
        },
        deadLetter: (t, deliveries) => Promise.resolve(void deadLettered.push({ nodeId: t.nodeId, deliveries })),
      },
      prefix,
    );
    await until('the stale tasks to be recovered', async () => ran.length === 2 && deadLettered.length === 1 && (await seed.depth(QUEUE)).length === 0);
    expect(ran.sort()).toEqual(['a', 'b']);
    expect(most).toBe(1);
    expect(deadLettered).toEqual([{ nodeId: 'poison', deliveries: 5 }]);
  });
});
