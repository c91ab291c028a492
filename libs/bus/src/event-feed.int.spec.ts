import { deleteRedisPrefix, testRedisUrl } from '@weft/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connections, uniquePrefix } from './bus.test-helpers.js';
import { EventFeed } from './event-feed.js';

describe('EventFeed', () => {
  const prefix = uniquePrefix();
  const pool = connections(testRedisUrl());
  afterAll(async () => {
    pool.closeAll();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  it('publishes events in order and reads them back after an entry id', async () => {
    const feed = new EventFeed(pool.open(), prefix);
    const events = [
      { type: 'workflow.started', streamId: 'run-1', globalPosition: 1 },
      { type: 'node.completed', streamId: 'run-1', globalPosition: 2 },
      { type: 'workflow.finished', streamId: 'run-1', globalPosition: 3, data: { status: 'succeeded' } },
    ];
    const ids = await feed.publish(events);
    expect(ids).toHaveLength(3);
    expect((await feed.read()).map((e) => e.event)).toEqual(events);
    expect(await feed.read(ids[0], 1)).toEqual([{ id: ids[1], event: events[1] }]);
    expect(await feed.publish([])).toEqual([]);
  });

  it('trims to about maxLength entries', async () => {
    const feed = new EventFeed(pool.open(), `${prefix}trim:`, { maxLength: 10 });
    await feed.publish(Array.from({ length: 1000 }, (_, i) => ({ type: 'node.completed', i })));
    // Approximate trimming removes whole radix-tree nodes (100 entries by default).
    expect(await feed.length()).toBeLessThanOrEqual(110);
  });
});
