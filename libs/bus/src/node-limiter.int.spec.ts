import { deleteRedisPrefix, testRedisUrl } from '@weft/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections, sleep, task, uniquePrefix } from './bus.test-helpers.js';
import { NodeLimiter } from './node-limiter.js';
import { TaskQueue } from './task-queue.js';

describe('NodeLimiter', () => {
  const prefix = uniquePrefix();
  const pool = connections(testRedisUrl());
  let redis: Redis;
  beforeAll(() => {
    redis = pool.open();
  });
  afterAll(async () => {
    pool.closeAll();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  const limiter = (leaseMs = 10_000, waitMs = 3000) => new NodeLimiter(redis, prefix, { limits: { http: 2, llm: 1 }, leaseMs, waitMs });

  it('grants at most the limit per workspace and node type, and a slot given back goes to the next', async () => {
    const limits = limiter();
    const a = await limits.acquire('ws-a', 'http', 'r:a:1', 1);
    const b = await limits.acquire('ws-a', 'http', 'r:b:1', 2);
    expect(a && b).toBeTruthy();
    expect(await limits.acquire('ws-a', 'http', 'r:c:1', 3)).toBeUndefined();
    expect(await limits.held('ws-a', 'http')).toBe(2);
    // Other workspaces and other node types count apart; types without a limit always pass.
    expect(await limits.acquire('ws-b', 'http', 'r:c:1', 3)).toBeTruthy();
    expect(await limits.acquire('ws-a', 'llm', 'r:d:1', 3)).toBeTruthy();
    expect(await limits.acquire('ws-a', 'set', 'r:e:1', 3)).toBeTruthy();
    // Asking again while holding is no second slot.
    expect(await limits.acquire('ws-a', 'http', 'r:a:1', 1)).toBeTruthy();
    expect(await limits.held('ws-a', 'http')).toBe(2);

    await a!.release();
    await a!.release(); // twice is once
    expect(await limits.acquire('ws-a', 'http', 'r:c:1', 3)).toBeTruthy();
    expect(await limits.held('ws-a', 'http')).toBe(2);
  });

  it('gives a free slot to the earliest waiter still asking, not to a task that came later', async () => {
    const limits = limiter();
    const holders = await Promise.all([limits.acquire('ws-f', 'http', 'h1', 10), limits.acquire('ws-f', 'http', 'h2', 11)]);
    expect(await limits.acquire('ws-f', 'http', 'early', 20)).toBeUndefined();
    await holders[0]!.release();
    // One slot free: the later task must wait behind the earlier one, which then gets it.
    expect(await limits.acquire('ws-f', 'http', 'late', 30)).toBeUndefined();
    expect(await limits.acquire('ws-f', 'http', 'early', 20)).toBeTruthy();
    await holders[1]!.release();
    expect(await limits.acquire('ws-f', 'http', 'late', 30)).toBeTruthy();
  });

  it('frees the slot of a holder that stops renewing (its worker died) once its lease lapses, and forgets waiters that stop asking', async () => {
    const limits = new NodeLimiter(redis, prefix, { limits: { http: 1 }, leaseMs: 300, waitMs: 300 });
    // A holder whose worker died: in the set, never renewed.
    await redis.zadd(`${prefix}limit:ws-d:http:holders`, Date.now() + 300, 'dies');
    expect(await limits.acquire('ws-d', 'http', 'gone', 1)).toBeUndefined(); // first in line, but never asks again
    expect(await limits.acquire('ws-d', 'http', 'waits', 2)).toBeUndefined();
    await sleep(400);
    expect(await limits.acquire('ws-d', 'http', 'waits', 2)).toBeTruthy();
  });

  it('renews a slot while it is held', async () => {
    const limits = limiter(300);
    const slot = await limits.acquire('ws-l', 'llm', 'lives', 1);
    await sleep(1000);
    expect(await limits.held('ws-l', 'llm')).toBe(1);
    expect(await limits.acquire('ws-l', 'llm', 'other', 2)).toBeUndefined();
    await slot!.release();
    expect(await limits.held('ws-l', 'llm')).toBe(0);
  });

  it('survives a FLUSHALL of its keys: counts start again from zero', async () => {
    const limits = limiter();
    const slot = await limits.acquire('ws-x', 'llm', 'x1', 1);
    expect(await limits.acquire('ws-x', 'llm', 'x2', 2)).toBeUndefined();
    await redis.del(`${prefix}limit:ws-x:llm:holders`, `${prefix}limit:ws-x:llm:waiting`, `${prefix}limit:ws-x:llm:waiting-until`);
    expect(await limits.acquire('ws-x', 'llm', 'x2', 2)).toBeTruthy();
    await slot!.release();
  });
});

describe('TaskQueue.requeue', () => {
  const prefix = uniquePrefix();
  const pool = connections(testRedisUrl());
  afterAll(async () => {
    pool.closeAll();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  it('puts a taken task at the end of its queue in one step, once', async () => {
    const queue = new TaskQueue(pool.open(), prefix);
    await queue.enqueueMany([{ queue: 'q', task: task('a') }, { queue: 'q', task: task('b') }]);
    const [first] = await queue.consume('q', 'w1', { count: 1 });
    expect(first!.task.nodeId).toBe('a');
    expect(await queue.requeue('q', first!.id, first!.task)).toEqual(expect.any(String));
    expect(await queue.requeue('q', first!.id, first!.task)).toBeUndefined(); // no longer pending: nothing doubled
    expect((await queue.consume('q', 'w1', { count: 10 })).map((t) => t.task.nodeId)).toEqual(['b', 'a']);
    expect(await queue.depth('q')).toEqual({ length: 2, pending: 2, waiting: 0 });
  });
});
