import { deleteRedisPrefix, testRedisUrl } from '@weft/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections, sleep, task, uniquePrefix } from './bus.test-helpers.js';
import { TaskQueue } from './task-queue.js';

describe('TaskQueue', () => {
  const prefix = uniquePrefix();
  const pool = connections(testRedisUrl());
  let redis: Redis;
  let queue: TaskQueue;
  const warnings: string[] = [];

  beforeAll(() => {
    redis = pool.open();
    queue = new TaskQueue(redis, prefix, { logger: { warn: (message) => void warnings.push(message) } });
  });
  afterAll(async () => {
    pool.closeAll();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  it('enqueues, hands each task to one consumer, and forgets it once acknowledged', async () => {
    await queue.enqueue('q-basic', task('a'));
    const ids = await queue.enqueueMany([
      { queue: 'q-basic', task: task('b', { attempt: 2 }) },
      { queue: 'q-other', task: task('c') },
    ]);
    expect(ids).toHaveLength(2);

    const taken = await queue.consume('q-basic', 'worker-1', { count: 10 });
    expect(taken.map((t) => t.task)).toEqual([task('a'), task('b', { attempt: 2 })]);
    expect(await queue.consume('q-basic', 'worker-2', { count: 10 })).toEqual([]);
    expect(await queue.depth('q-basic')).toEqual({ length: 2, pending: 2, waiting: 0 });

    expect(await queue.ack('q-basic', taken.map((t) => t.id))).toBe(2);
    expect(await queue.depth('q-basic')).toEqual({ length: 0, pending: 0, waiting: 0 });
    expect((await queue.consume('q-other', 'worker-1', { count: 10 })).map((t) => t.task.nodeId)).toEqual(['c']);
    expect(await queue.depth('q-never-used')).toEqual({ length: 0, pending: 0, waiting: 0 });
  });

  it('adds a task published twice (fast path and relay) only once, per node attempt', async () => {
    expect(await queue.enqueueOnce([{ queue: 'q-once', task: task('n') }, { queue: 'q-once', task: task('n') }])).toBe(1);
    expect(await queue.enqueueOnce([{ queue: 'q-once', task: task('n') }])).toBe(0);
    expect(await queue.enqueueOnce([{ queue: 'q-once', task: task('n', { attempt: 2 }) }])).toBe(1);
    const taken = await queue.consume('q-once', 'w', { count: 10 });
    expect(taken.map((t) => t.task.attempt)).toEqual([1, 2]);
  });

  it('keeps fields it does not know (the message is extensible)', async () => {
    await queue.enqueue('q-extra', { ...task('x'), priority: 5 } as ReturnType<typeof task>);
    const [taken] = await queue.consume('q-extra', 'w', { count: 1 });
    expect(taken!.task).toEqual({ ...task('x'), priority: 5 });
  });

  it('waits for work with a blocking read on its own connection', async () => {
    const reader = new TaskQueue(pool.open(), prefix);
    await reader.ensureGroup('q-block');
    const started = Date.now();
    const waiting = reader.consume('q-block', 'w', { count: 1, blockMs: 2000 });
    await sleep(100);
    await queue.enqueue('q-block', task('late'));
    const taken = await waiting;
    expect(taken.map((t) => t.task.nodeId)).toEqual(['late']);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await reader.consume('q-block', 'w', { count: 1, blockMs: 50 })).toEqual([]);
  });

  it('lets another consumer reclaim a task its consumer never acknowledged, after the visibility timeout', async () => {
    await queue.enqueue('q-reclaim', task('slow'));
    const [taken] = await queue.consume('q-reclaim', 'dead-worker', { count: 1 });
    expect(await queue.reclaim('q-reclaim', 'rescuer', { minIdleMs: 300, count: 10 })).toEqual([]);
    await sleep(350);
    const reclaimed = await queue.reclaim('q-reclaim', 'rescuer', { minIdleMs: 300, count: 10 });
    // The second delivery: the count says how often its workers went silent holding it.
    expect(reclaimed).toEqual([{ ...taken, deliveries: 2 }]);
    // Handed back untouched: its count as before, reclaimable at once by anyone.
    await queue.handBack('q-reclaim', 'rescuer', reclaimed[0]!, 300);
    expect(await queue.reclaim('q-reclaim', 'another', { minIdleMs: 300, count: 10 })).toEqual([{ ...taken, deliveries: 2 }]);
    const pending = (await redis.xpending(queue.keys.taskStream('q-reclaim'), queue.group, '-', '+', 10)) as [string, string, number, number][];
    expect(pending.map(([id, consumer]) => [id, consumer])).toEqual([[taken!.id, 'another']]);
  });

  it('skips entries deleted while pending', async () => {
    const [id] = await queue.enqueueMany([{ queue: 'q-deleted', task: task('gone') }]);
    await queue.consume('q-deleted', 'dead-worker', { count: 1 });
    await redis.xdel(queue.keys.taskStream('q-deleted'), id!);
    await sleep(20);
    expect(await queue.reclaim('q-deleted', 'rescuer', { minIdleMs: 10, count: 10 })).toEqual([]);
  });

  it('extends a lease so a long task is not reclaimed, and never steals a lease already lost', async () => {
    await queue.enqueue('q-lease', task('long'));
    const [taken] = await queue.consume('q-lease', 'busy-worker', { count: 1 });
    for (let i = 0; i < 4; i++) {
      await sleep(100);
      expect(await queue.extendLease('q-lease', 'busy-worker', [taken!.id])).toEqual([taken!.id]);
    }
    // 400 ms since delivery, but at most ~100 ms since the last extension.
    expect(await queue.reclaim('q-lease', 'rescuer', { minIdleMs: 250, count: 10 })).toEqual([]);

    await sleep(300);
    expect(await queue.reclaim('q-lease', 'rescuer', { minIdleMs: 250, count: 10 })).toEqual([{ ...taken, deliveries: 2 }]);
    expect(await queue.extendLease('q-lease', 'busy-worker', [taken!.id])).toEqual([]);
    expect(await queue.extendLease('q-lease', 'rescuer', [taken!.id, '1-1'])).toEqual([taken!.id]);
  });

  it('acknowledges and reports an entry that is not a task message instead of looping on it', async () => {
    const key = queue.keys.taskStream('q-poison');
    await queue.ensureGroup('q-poison');
    await redis.xadd(key, '*', 'task', '{"runId": 1}');
    await redis.xadd(key, '*', 'task', 'not json');
    await queue.enqueue('q-poison', task('fine'));
    const taken = await queue.consume('q-poison', 'w', { count: 10 });
    expect(taken.map((t) => t.task.nodeId)).toEqual(['fine']);
    expect(warnings.filter((w) => w.includes('not a task message'))).toHaveLength(2);
    expect(await queue.depth('q-poison')).toMatchObject({ length: 1, pending: 1 });
  });

  it('recreates its group when the stream vanished, and goes on', async () => {
    await queue.enqueue('q-vanish', task('before'));
    await queue.consume('q-vanish', 'w', { count: 1 });
    await redis.del(queue.keys.taskStream('q-vanish'));
    expect(await queue.consume('q-vanish', 'w', { count: 10 })).toEqual([]);
    await queue.enqueue('q-vanish', task('after'));
    expect((await queue.consume('q-vanish', 'w', { count: 10 })).map((t) => t.task.nodeId)).toEqual(['after']);
  });
});
