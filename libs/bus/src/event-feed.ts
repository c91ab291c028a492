import type { Redis } from 'ioredis';
import { busKeys, type BusKeys } from './bus-keys.js';
import { fieldValue, type RawStreamEntry } from './stream-reply.js';

export type EventFeedOptions = {
  /** Approximate number of entries kept (XADD MAXLEN ~). Default 100 000. */
  maxLength?: number;
};

/** An entry read back from the feed. */
export type FeedEntry = { id: string; event: unknown };

const EVENT_FIELD = 'event';

/**
 * The public event feed: every lifecycle event, in relay order, on one Redis
 * stream trimmed to about `maxLength` entries. Derived and lossy by design (trimming,
 * FLUSHALL): a consumer that must not miss anything reads PostgreSQL.
 */
export class EventFeed {
  readonly keys: BusKeys;
  private readonly maxLength: number;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    options: EventFeedOptions = {},
  ) {
    this.keys = busKeys(prefix);
    this.maxLength = options.maxLength ?? 100_000;
  }

  /** Appends `events` (JSON-serialisable) in one pipelined round trip; returns their entry ids. */
  async publish(events: readonly object[]): Promise<string[]> {
    if (events.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const event of events) pipeline.xadd(this.keys.eventFeed, 'MAXLEN', '~', this.maxLength, '*', EVENT_FIELD, JSON.stringify(event));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, id]) => {
      if (error) throw error;
      return id as string;
    });
  }

  /** Up to `count` entries after entry id `afterId` (exclusive; `0-0` from the start). */
  async read(afterId = '0-0', count = 100): Promise<FeedEntry[]> {
    const entries = (await this.redis.xrange(this.keys.eventFeed, `(${afterId}`, '+', 'COUNT', count)) as RawStreamEntry[];
    return entries.map(([id, fields]) => ({ id, event: JSON.parse(fieldValue(fields, EVENT_FIELD) ?? 'null') as unknown }));
  }

  /** Entries currently kept. */
  length(): Promise<number> {
    return this.redis.xlen(this.keys.eventFeed);
  }
}
