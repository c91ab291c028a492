import { deleteRedisPrefix, startPrivateRedis, testRedisUrl } from '@weft/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connections, sleep, uniquePrefix, waitFor } from './bus.test-helpers.js';
import { LivePublisher } from './live-publisher.js';
import { LiveSubscriber } from './live-subscriber.js';

const numsub = async (redis: ReturnType<ReturnType<typeof connections>['open']>, channel: string): Promise<number> => {
  const reply = (await redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
  return Number(reply[1]);
};

describe('live updates over Pub/Sub', () => {
  const prefix = uniquePrefix();
  const pool = connections(testRedisUrl());
  afterAll(async () => {
    pool.closeAll();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  it('delivers to two listeners on one channel over one connection, and stops after they unsubscribe', async () => {
    const admin = pool.open();
    const publisher = new LivePublisher(admin, prefix);
    const subscriber = new LiveSubscriber(pool.open(), prefix);
    const channel = publisher.keys.runChannel('run-1');
    const first: unknown[] = [];
    const second: unknown[] = [];
    const dropFirst = await subscriber.subscribe('run-1', (m) => first.push(m));
    const dropSecond = await subscriber.subscribe('run-1', (m) => second.push(m));
    expect(await numsub(admin, channel)).toBe(1);

    // Subscribed means acknowledged: a message published right away is received.
    expect(await publisher.publish('run-1', { type: 'node.completed', nodeId: 'a' })).toBe(1);
    await publisher.publishMany([{ runId: 'run-1', message: { type: 'node.started', nodeId: 'b' } }, { runId: 'run-2', message: { type: 'elsewhere' } }]);
    await waitFor('both listeners', () => first.length === 2 && second.length === 2);
    expect(first).toEqual([{ type: 'node.completed', nodeId: 'a' }, { type: 'node.started', nodeId: 'b' }]);
    expect(second).toEqual(first);

    await dropFirst();
    await dropFirst(); // idempotent: must not drop the other listener's reference
    expect(await numsub(admin, channel)).toBe(1);
    await publisher.publish('run-1', { n: 3 });
    await waitFor('second only', () => second.length === 3);
    expect(first).toHaveLength(2);

    await dropSecond();
    expect(await numsub(admin, channel)).toBe(0);
    expect(subscriber.channelCount).toBe(0);
    expect(await publisher.publish('run-1', { n: 4 })).toBe(0);
    await sleep(50);
    expect(second).toHaveLength(3);
    await subscriber.close();
  });

  it('keeps delivering to the other listeners when one throws', async () => {
    const publisher = new LivePublisher(pool.open(), prefix);
    const warnings: string[] = [];
    const subscriber = new LiveSubscriber(pool.open(), prefix, { logger: { warn: (m) => void warnings.push(m) } });
    const received: unknown[] = [];
    await subscriber.subscribe('run-3', () => {
      throw new Error('listener bug');
    });
    await subscriber.subscribe('run-3', (m) => received.push(m));
    await publisher.publish('run-3', { ok: true });
    await waitFor('the healthy listener', () => received.length === 1);
    expect(warnings).toContain('live listener threw');
    await subscriber.close();
  });

  it('subscribes again after Redis restarts', async () => {
    const server = await startPrivateRedis();
    const local = connections(server.url);
    try {
      const publisher = new LivePublisher(local.open(), 'weft:');
      const subscriber = new LiveSubscriber(local.open(), 'weft:', { logger: { warn: () => undefined } });
      const received: unknown[] = [];
      await subscriber.subscribe('run-r', (m) => received.push(m));
      await server.restart();
      await waitFor('resubscribed', async () => (await publisher.publish('run-r', { after: 'restart' })) === 1);
      await waitFor('message after restart', () => received.length >= 1);
      expect(received[0]).toEqual({ after: 'restart' });
      await subscriber.close();
    } finally {
      local.closeAll();
      await server.stop();
    }
  });
});
