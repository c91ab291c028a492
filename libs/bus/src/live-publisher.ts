import type { Redis } from 'ioredis';
import { busKeys, type BusKeys } from './bus-keys.js';

/**
 * Publishes live updates of a run on its Pub/Sub channel (JSON). Fire and forget:
 * nobody listening means nothing is kept; watchers catch up from the read models.
 * Any connection will do (not one in subscriber mode).
 */
export class LivePublisher {
  readonly keys: BusKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = busKeys(prefix);
  }

  /** Publishes `message` to run `runId`'s subscribers; returns how many connections received it. */
  publish(runId: string, message: object): Promise<number> {
    return this.redis.publish(this.keys.runChannel(runId), JSON.stringify(message));
  }

  /** Publishes several messages in one pipelined round trip, in order. */
  async publishMany(items: readonly { runId: string; message: object }[]): Promise<void> {
    if (items.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { runId, message } of items) pipeline.publish(this.keys.runChannel(runId), JSON.stringify(message));
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }
}
