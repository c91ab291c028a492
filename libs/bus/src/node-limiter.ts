import type { Redis } from 'ioredis';
import { busKeys, type BusKeys } from './bus-keys.js';
import { ACQUIRE_SLOT_SCRIPT, EXTEND_SLOT_SCRIPT, RELEASE_SLOT_SCRIPT } from './node-limit.scripts.js';

/** A slot held for one node attempt: renewed while held, given back with `release`. */
export type NodeSlot = { release(): Promise<void> };

export type NodeLimiterOptions = {
  /** Most attempts of each node type running at once per workspace; types not listed are not limited. */
  limits: Readonly<Record<string, number>>;
  /** How long a slot outlives a worker that stops renewing it (died): the visibility timeout. Renewed every third of it. */
  leaseMs: number;
  /** How long a waiter keeps its place in line without asking again. Default 3000. */
  waitMs?: number;
  logger?: { warn(message: string, context?: Record<string, unknown>): void };
};

/**
 * Per-node-type concurrency limits, per workspace, across every worker: a
 * lease-based counting semaphore in Redis (a sorted set of holders with their
 * lease expiry, taken and given back atomically by Lua scripts). A worker that
 * dies frees its slots when their lease lapses. Waiters queue by when their task
 * was scheduled, so a slot goes to the earliest task still asking.
 *
 * Redis holds only derived, disposable state here: after a FLUSHALL the counts
 * start again from zero (attempts running then are counted again at their next
 * renewal, so the limit may be exceeded for a moment), and no task is lost.
 */
export class NodeLimiter {
  private readonly keys: BusKeys;
  private readonly waitMs: number;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly options: NodeLimiterOptions,
  ) {
    this.keys = busKeys(prefix);
    this.waitMs = options.waitMs ?? 3000;
  }

  /** The limit of `nodeType`, or undefined when it has none. */
  limitOf(nodeType: string): number | undefined {
    return this.options.limits[nodeType];
  }

  /**
   * A slot for `holder` (one node attempt) of `nodeType` in `workspaceId`, or
   * undefined when all are taken (ask again later: the holder keeps its place in
   * line, `place` being when its task was scheduled, in ms). A type without a
   * limit always gets a slot that costs nothing.
   */
  async acquire(workspaceId: string, nodeType: string, holder: string, place: number): Promise<NodeSlot | undefined> {
    const limit = this.limitOf(nodeType);
    if (limit === undefined) return { release: () => Promise.resolve() };
    const keys = this.slotKeys(workspaceId, nodeType);
    const order = Number.isFinite(place) ? Math.floor(place) : Date.now();
    const granted = (await this.redis.eval(ACQUIRE_SLOT_SCRIPT, 3, ...keys, holder, limit, this.options.leaseMs, order, this.waitMs)) as number;
    if (granted !== 1) return undefined;
    const renew = setInterval(() => {
      this.redis.eval(EXTEND_SLOT_SCRIPT, 3, ...keys, holder, this.options.leaseMs).catch((error: Error) => this.options.logger?.warn('node limit: lease renewal failed', { nodeType, holder, error: error.message }));
    }, Math.max(100, Math.floor(this.options.leaseMs / 3)));
    renew.unref();
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        await this.redis.eval(RELEASE_SLOT_SCRIPT, 3, ...keys, holder);
      },
    };
  }

  /** How many slots of `nodeType` are held in `workspaceId` now (leases not lapsed). */
  async held(workspaceId: string, nodeType: string): Promise<number> {
    const [holders] = this.slotKeys(workspaceId, nodeType);
    const [seconds, micros] = await this.redis.time();
    return this.redis.zcount(holders, Number(seconds) * 1000 + Math.floor(Number(micros) / 1000), '+inf');
  }

  private slotKeys(workspaceId: string, nodeType: string): [string, string, string] {
    const base = this.keys.nodeLimit(workspaceId, nodeType);
    return [`${base}:holders`, `${base}:waiting`, `${base}:waiting-until`];
  }
}
