import type { Redis } from 'ioredis';
import { busKeys, type BusKeys } from './bus-keys.js';
import { defineEnqueueOnce, type EnqueueOnceCommand } from './enqueue-once.script.js';
import { EXTEND_LEASE_SCRIPT } from './extend-lease.script.js';
import { REQUEUE_SCRIPT } from './requeue.script.js';
import { compareEntryIds, entriesOfStreamRead, entryTimeMs, fieldValue, groupInfo, isMissingGroupError, type RawStreamEntry } from './stream-reply.js';
import { decodeTaskMessage, encodeTaskMessage, MalformedTaskError, type TaskMessage } from './task-message.js';

/**
 * A task taken from a queue: `id` is its stream entry id, for `ack` and `extendLease`.
 * `deliveries` (reclaimed tasks only): how many times it has been handed to a consumer,
 * this time included — each reclaim means a worker died or stalled holding it.
 */
export type QueuedTask = { id: string; task: TaskMessage; deliveries?: number };

/** What a queue holds not yet done (see `TaskQueue.backlog`). */
export type QueueBacklog = { waiting: number; pending: number; oldestAgeMs: number };

export type TaskQueueOptions = {
  /** Consumer group name. Default `workers`. */
  group?: string;
  /** Told about entries that are not task messages (they are acknowledged and dropped). Default `console`. */
  logger?: { warn(message: string, context?: Record<string, unknown>): void };
};

const TASK_FIELD = 'task';

/**
 * Task queues on Redis Streams, one stream per queue and one consumer group.
 *
 * Invariants:
 * - A task stays in the group's pending list from delivery until `ack`; a consumer
 *   that dies leaves it there for `reclaim` after the visibility timeout.
 * - `ack` also deletes the entry: the stream holds only tasks not yet done, so its
 *   length is the queue depth. (One group per stream: a second group would lose entries.)
 * - Everything here is derived from PostgreSQL: after a FLUSHALL the group is
 *   recreated from id 0 (MKSTREAM) on the next read and the relay re-enqueues.
 *
 * `consume` with `blockMs` holds the connection for up to that long: give a blocking
 * reader its own connection (one `TaskQueue` over `redis.duplicate()` per reading
 * loop) and keep `commandTimeout` above `blockMs`.
 */
export class TaskQueue {
  readonly keys: BusKeys;
  readonly group: string;
  private readonly logger: NonNullable<TaskQueueOptions['logger']>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    options: TaskQueueOptions = {},
  ) {
    this.keys = busKeys(prefix);
    this.group = options.group ?? 'workers';
    this.logger = options.logger ?? console;
  }

  /** Adds one task; returns its entry id. */
  async enqueue(queue: string, task: TaskMessage): Promise<string> {
    const [id] = await this.enqueueMany([{ queue, task }]);
    return id!;
  }

  /** Adds tasks in one pipelined round trip; returns their entry ids in order. */
  async enqueueMany(items: readonly { queue: string; task: TaskMessage }[]): Promise<string[]> {
    if (items.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const { queue, task } of items) pipeline.xadd(this.keys.taskStream(queue), '*', TASK_FIELD, encodeTaskMessage(task));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, id]) => {
      if (error) throw error;
      return id as string;
    });
  }

  /**
   * Adds each task unless the same (run, node, attempt) was added in the last
   * `dedupTtlSeconds` (default 120): publishing a task twice, from the fast
   * path and from the relay, yields one entry. Returns how many were added.
   * Past the TTL (say, a relay down for minutes) a duplicate can land; workers
   * drop a task whose attempt is no longer current, so that costs only a read.
   */
  async enqueueOnce(items: readonly { queue: string; task: TaskMessage }[], dedupTtlSeconds = 120): Promise<number> {
    if (items.length === 0) return 0;
    defineEnqueueOnce(this.redis);
    const keys = items.flatMap(({ queue, task }) => [this.keys.taskStream(queue), `${this.keys.prefix}task-once:${task.runId}:${task.nodeId}:${task.attempt}`]);
    const payloads = items.map(({ task }) => encodeTaskMessage(task));
    // One script call for all of them.
    return (this.redis as Redis & EnqueueOnceCommand).weftEnqueueOnce(keys.length, ...keys, dedupTtlSeconds, ...payloads);
  }

  /** Creates the consumer group (and the stream) if missing, reading from id 0 so no task enqueued before it is lost. */
  async ensureGroup(queue: string): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.keys.taskStream(queue), this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
  }

  /**
   * Takes up to `count` new tasks for `consumer` (XREADGROUP >), waiting up to
   * `blockMs` when there are none (omit it not to wait). Recreates the group when
   * Redis lost it, then reads again.
   */
  async consume(queue: string, consumer: string, options: { count: number; blockMs?: number }): Promise<QueuedTask[]> {
    const key = this.keys.taskStream(queue);
    const read = () =>
      options.blockMs === undefined
        ? this.redis.xreadgroup('GROUP', this.group, consumer, 'COUNT', options.count, 'STREAMS', key, '>')
        : this.redis.xreadgroup('GROUP', this.group, consumer, 'COUNT', options.count, 'BLOCK', options.blockMs, 'STREAMS', key, '>');
    let reply: unknown;
    try {
      reply = await read();
    } catch (error) {
      if (!isMissingGroupError(error)) throw error;
      await this.ensureGroup(queue);
      reply = await read();
    }
    return this.toTasks(queue, entriesOfStreamRead(reply, key));
  }

  /** Marks tasks done (XACK) and deletes them; returns how many were still pending. */
  async ack(queue: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const key = this.keys.taskStream(queue);
    // Plain commands (see enqueueOnce); XDEL after XACK keeps the stream to unfinished work.
    const [acked] = await Promise.all([
      this.redis.xack(key, this.group, ...ids).catch((error: unknown) => {
        if (isMissingGroupError(error)) return 0;
        throw error;
      }),
      this.redis.xdel(key, ...ids),
    ]);
    return Number(acked);
  }

  /**
   * Puts a taken task back at the end of its queue, atomically replacing entry `id`
   * (for work that must wait its turn, e.g. a node type at its concurrency limit).
   * Returns the new entry id, or undefined when `id` was no longer pending (acked,
   * or the group was lost: the relay's recovery then enqueues it again).
   */
  async requeue(queue: string, id: string, task: TaskMessage): Promise<string | undefined> {
    try {
      const added = (await this.redis.eval(REQUEUE_SCRIPT, 1, this.keys.taskStream(queue), this.group, id, encodeTaskMessage(task))) as string | null;
      return added ?? undefined;
    } catch (error) {
      if (isMissingGroupError(error)) return undefined;
      throw error;
    }
  }

  /**
   * Moves to `consumer` up to `count` tasks pending for longer than `minIdleMs` with
   * any consumer (XAUTOCLAIM): work of a worker that died. Entries deleted from the
   * stream meanwhile are dropped by Redis and skipped here.
   */
  async reclaim(queue: string, consumer: string, options: { minIdleMs: number; count: number }): Promise<QueuedTask[]> {
    const key = this.keys.taskStream(queue);
    const claimed: RawStreamEntry[] = [];
    let cursor = '0-0';
    try {
      do {
        const reply = (await this.redis.xautoclaim(key, this.group, consumer, options.minIdleMs, cursor, 'COUNT', options.count - claimed.length)) as [string, (RawStreamEntry | null)[]];
        cursor = reply[0];
        for (const entry of reply[1]) if (entry && entry[1]) claimed.push(entry);
      } while (cursor !== '0-0' && claimed.length < options.count);
    } catch (error) {
      if (!isMissingGroupError(error)) throw error;
      await this.ensureGroup(queue); // a new group has nothing pending
    }
    const tasks = await this.toTasks(queue, claimed);
    if (!tasks.length) return tasks;
    // XAUTOCLAIM counted this delivery; XPENDING says how many there have been.
    return Promise.all(
      tasks.map(async (task) => {
        const reply = (await this.redis.xpending(key, this.group, task.id, task.id, 1));
        const count = Array.isArray(reply[0]) ? Number((reply[0] as unknown[])[3]) : NaN;
        return Number.isFinite(count) ? { ...task, deliveries: count } : task;
      }),
    );
  }

  /**
   * Gives a reclaimed task back untouched: pending again with its delivery count as it was
   * before this reclaim and idle long enough (`idleMs`) that the next reclaim, by any
   * consumer, takes it at once.
   */
  async handBack(queue: string, consumer: string, task: QueuedTask, idleMs: number): Promise<void> {
    const args = task.deliveries === undefined ? [] : ['RETRYCOUNT', Math.max(0, task.deliveries - 1)];
    await this.redis.xclaim(this.keys.taskStream(queue), this.group, consumer, 0, task.id, 'IDLE', idleMs, ...args, 'JUSTID');
  }

  /**
   * Resets the idle time of tasks `consumer` still holds, so a long task is not
   * reclaimed; call it well within the visibility timeout. Returns the ids extended:
   * a missing id means the lease was lost (reclaimed by another consumer, or Redis
   * lost it) and the work should stop.
   */
  async extendLease(queue: string, consumer: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    try {
      return (await this.redis.eval(EXTEND_LEASE_SCRIPT, 1, this.keys.taskStream(queue), this.group, consumer, ...ids)) as string[];
    } catch (error) {
      if (isMissingGroupError(error)) return [];
      throw error;
    }
  }

  /** Queue depth for metrics: `length` tasks not done, of which `pending` are held by consumers. */
  async depth(queue: string): Promise<{ length: number; pending: number; waiting: number }> {
    const key = this.keys.taskStream(queue);
    const [[, length] = [null, 0], [pendingError, summary] = [null, null]] = (await this.redis.pipeline().xlen(key).xpending(key, this.group).exec()) ?? [];
    const pending = pendingError ? 0 : Number((summary as [number] | null)?.[0] ?? 0);
    const total = Number(length);
    return { length: total, pending, waiting: Math.max(0, total - pending) };
  }

  /**
   * What `queue` holds not yet done, for metrics: `waiting` for a worker (the group's lag;
   * the stream length less the pending tasks when Redis cannot tell the lag, as after a
   * deletion), `pending` (taken, not yet acknowledged), and the age of the oldest of either
   * from its entry id's time by the Redis clock (0 when empty). One round trip, two when the
   * stream's first entry is done but not yet deleted.
   */
  async backlog(queue: string): Promise<QueueBacklog> {
    const key = this.keys.taskStream(queue);
    const replies = (await this.redis.pipeline().xinfo('GROUPS', key).xpending(key, this.group).xlen(key).xrange(key, '-', '+', 'COUNT', 1).time().exec()) ?? [];
    // A failed command (no such stream, no such group) counts as no answer.
    const [groups, summary, length, first, time] = replies.map(([error, value]) => (error ? undefined : value));
    const nowMs = Array.isArray(time) ? Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000) : Date.now();
    const group = groupInfo(groups, this.group);
    const total = Number(length ?? 0);
    const pending = group && Array.isArray(summary) ? Number(summary[0] ?? 0) : 0;
    const waiting = group ? (group.lag ?? Math.max(0, total - pending)) : total;
    const oldestPending = pending > 0 && Array.isArray(summary) && typeof summary[1] === 'string' ? summary[1] : undefined;
    let firstId = Array.isArray(first) && Array.isArray(first[0]) ? String((first[0] as unknown[])[0]) : undefined;
    // A first entry already delivered and no longer pending is done (acked, its deletion lost): look past what was delivered.
    if (firstId && group && compareEntryIds(firstId, group.lastDeliveredId) <= 0 && firstId !== oldestPending) {
      const next = (await this.redis.xrange(key, `(${group.lastDeliveredId}`, '+', 'COUNT', 1))[0];
      firstId = next?.[0];
    }
    const oldest = [firstId, oldestPending].filter((id): id is string => id !== undefined).sort(compareEntryIds)[0];
    return { waiting, pending, oldestAgeMs: oldest ? Math.max(0, nowMs - entryTimeMs(oldest)) : 0 };
  }

  /** Decodes entries; one that is not a task can never be processed, so it is acknowledged and reported instead of circling through reclaim forever. */
  private async toTasks(queue: string, entries: readonly RawStreamEntry[]): Promise<QueuedTask[]> {
    const tasks: QueuedTask[] = [];
    const malformed: string[] = [];
    for (const [id, fields] of entries) {
      try {
        tasks.push({ id, task: decodeTaskMessage(fieldValue(fields, TASK_FIELD) ?? '') });
      } catch (error) {
        if (!(error instanceof MalformedTaskError)) throw error;
        this.logger.warn('dropping a stream entry that is not a task message', { queue, id, reason: error.message });
        malformed.push(id);
      }
    }
    if (malformed.length) await this.ack(queue, malformed);
    return tasks;
  }
}
