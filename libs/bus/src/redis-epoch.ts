import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { busKeys, type BusKeys } from './bus-keys.js';

/**
 * Detects that Redis lost its data (FLUSHALL, a restart without persistence,
 * eviction): the epoch key is then missing.
 *
 * Invariant: per loss, exactly one `ensure()` caller sees `fresh: true` — the one
 * whose SET NX created the key — and it owes the rebuild (re-enqueueing tasks from
 * PostgreSQL). If that rebuild fails, `forget()` so the next caller owes it again.
 * Needs Redis >= 7.0 (SET … NX GET).
 */
export class RedisEpoch {
  readonly keys: BusKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = busKeys(prefix);
  }

  /** The current epoch; `fresh` when this call created it. One atomic round trip. */
  async ensure(): Promise<{ epoch: string; fresh: boolean }> {
    const candidate = randomUUID();
    const previous = await this.redis.set(this.keys.epoch, candidate, 'NX', 'GET');
    return previous === null ? { epoch: candidate, fresh: true } : { epoch: previous, fresh: false };
  }

  /** Deletes the epoch, so the next `ensure()` reports `fresh` again (e.g. after a failed rebuild). */
  async forget(): Promise<void> {
    await this.redis.del(this.keys.epoch);
  }
}
