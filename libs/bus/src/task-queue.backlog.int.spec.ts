import { deleteRedisPrefix, testRedisUrl } from '@weft/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections, task, uniquePrefix } from './bus.test-helpers.js';
import { encodeTaskMessage } from './task-message.js';
import { TaskQueue } from './task-queue.js';

describe('TaskQueue.backlog (queue depth and age for metrics)', () => {
  const prefix = uniquePrefix();
  const pool = connections(testRedisUrl());
  let redis: Redis;
  let queue: TaskQueue;
  let redisNow: number;

  beforeAll(async () => {
    redis = pool.open();
    queue = new TaskQueue(redis, prefix);
    const [seconds] = await redis.time();
    redisNow = Number(seconds) * 1000;
  });
  afterAll(async () => {
    pool.closeAll();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  /** Adds a task as if enqueued `agoMs` ago (its entry id carries the time). */
  const enqueueAgo = (name: string, nodeId: string, agoMs: number) => redis.xadd(queue.keys.taskStream(name), `${redisNow - agoMs}-0`, 'task', encodeTaskMessage(task(nodeId)));
  const ageSeconds = async (name: string) => (await queue.backlog(name)).oldestAgeMs / 1000;

  it('is empty for a queue never used', async () => {
    expect(await queue.backlog('never')).toEqual({ waiting: 0, pending: 0, oldestAgeMs: 0 });
  });

  it('counts waiting and pending tasks and ages the oldest of either, whatever acks and deletions happened', async () => {
    for (const [nodeId, ago] of [['a', 30_000], ['b', 20_000], ['c', 10_000]] as const) await enqueueAgo('q', nodeId, ago);
    // No consumer group yet: all waiting.
    expect(await queue.backlog('q')).toMatchObject({ waiting: 3, pending: 0 });
    expect(await ageSeconds('q')).toBeGreaterThanOrEqual(30);

    const [a] = await queue.consume('q', 'w1', { count: 1 });
    expect(await queue.backlog('q')).toMatchObject({ waiting: 2, pending: 1 });
    expect(await ageSeconds('q')).toBeGreaterThanOrEqual(30); // a, taken but not done

    await queue.ack('q', [a!.id]); // acked and deleted: Redis can no longer tell the group's lag
    expect(await queue.backlog('q')).toMatchObject({ waiting: 2, pending: 0 });
    expect(await ageSeconds('q')).toBeGreaterThanOrEqual(20);
    expect(await ageSeconds('q')).toBeLessThan(30);

    const [b] = await queue.consume('q', 'w1', { count: 1 });
    await redis.xack(queue.keys.taskStream('q'), queue.group, b!.id); // done, its deletion lost: still in the stream
    expect(await queue.backlog('q')).toMatchObject({ waiting: 1, pending: 0 });
    expect(await ageSeconds('q')).toBeGreaterThanOrEqual(10);
    expect(await ageSeconds('q')).toBeLessThan(20);

    const [c] = await queue.consume('q', 'w2', { count: 1 });
    expect(await queue.backlog('q')).toMatchObject({ waiting: 0, pending: 1 });
    await queue.ack('q', [c!.id]);
    expect(await queue.backlog('q')).toEqual({ waiting: 0, pending: 0, oldestAgeMs: 0 });
  });
});
