import { startPrivateRedis, type PrivateRedis } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections, sleep, task } from './bus.test-helpers.js';
import { TaskQueue } from './task-queue.js';

describe('TaskQueue after Redis lost its data (private redis-server)', () => {
  let server: PrivateRedis;
  let pool: ReturnType<typeof connections>;
  const prefix = 'weft:';

  beforeAll(async () => {
    server = await startPrivateRedis();
    pool = connections(server.url);
  });
  afterAll(async () => {
    pool.closeAll();
    await server.stop();
  });

  it('recreates the group after FLUSHALL, even under a blocked reader, and later tasks flow', async () => {
    const admin = pool.open();
    const queue = new TaskQueue(admin, prefix);
    const reader = new TaskQueue(pool.open(), prefix);
    await queue.enqueue('default', task('a'));
    const [first] = await reader.consume('default', 'w1', { count: 1 });
    expect(first!.task.nodeId).toBe('a');

    // Nothing new: the reader blocks. FLUSHALL unblocks it with an error (Redis 7),
    // the group is recreated from id 0 and the read blocks again.
    const blocked = reader.consume('default', 'w1', { count: 10, blockMs: 3000 });
    await sleep(100);
    await admin.flushall();
    await sleep(100);
    await queue.enqueue('default', task('after-flush'));
    const delivered = await blocked;
    expect(delivered.map((t) => t.task.nodeId)).toEqual(['after-flush']);

    // Operations on the lost entry neither throw nor resurrect it.
    expect(await queue.ack('default', [first!.id])).toBe(0);
    expect(await queue.extendLease('default', 'w1', [first!.id])).toEqual([]);
    expect(await queue.reclaim('default', 'w2', { minIdleMs: 0, count: 10 })).toEqual([{ ...delivered[0], deliveries: 2 }]);
    expect(await queue.depth('default')).toEqual({ length: 1, pending: 1, waiting: 0 });
  });

  it('recreates the group after a restart of Redis', async () => {
    const queue = new TaskQueue(pool.open(), prefix);
    await queue.enqueue('restart', task('before'));
    await queue.consume('restart', 'w', { count: 1 });
    await server.restart();
    expect(await queue.consume('restart', 'w', { count: 10 })).toEqual([]);
    await queue.enqueue('restart', task('after'));
    expect((await queue.consume('restart', 'w', { count: 10 })).map((t) => t.task.nodeId)).toEqual(['after']);
  });
});
