import { DEFAULT_QUEUE, RUN_STREAM_TYPE } from '@weft/domain';
import type { EventFeed, RedisEpoch, TaskQueue } from '@weft/bus';
import type { PgEventStore, StoredEvent } from '@weft/event-store';
import type { Aggregates } from '../commands/aggregates.js';
import type { Logger } from '../logger.js';
import { toFeedEvent } from './feed-event.js';
import { scheduledTasks } from './scheduled-tasks.js';

export type RelayOptions = {
  store: PgEventStore;
  aggregates: Aggregates;
  tasks: TaskQueue;
  feed: EventFeed;
  epoch: RedisEpoch;
  logger: Logger;
};

/**
 * Publishes committed events to Redis, at least once: every `node.scheduled`
 * becomes a task on its queue, every event goes to the feed. Redis is derived
 * state: when its epoch key is gone (FLUSHALL, restart without data) the relay
 * re-enqueues the current attempt of every unfinished node of every open run,
 * rebuilt from PostgreSQL.
 */
export class Relay {
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: RelayOptions) {}

  /** Checks Redis's epoch every `intervalMs` even when no event flows (runs stalled on lost tasks produce none). */
  startWatchdog(intervalMs = 1000): void {
    this.watchdog ??= setInterval(() => {
      this.recoverIfRedisLostState().catch((error: unknown) => this.options.logger.warn('Redis recovery check failed', { error: String(error) }));
    }, intervalMs);
  }

  stopWatchdog(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  /** The tailer's batch handler. */
  async handle(events: StoredEvent[]): Promise<void> {
    const tasks = events.flatMap((event) => scheduledTasks(runIdOfStream(event.streamId), event.workspaceId, [event]));
    // Usually the worker that committed the step published these already; enqueueOnce keeps one.
    if (tasks.length) await this.options.tasks.enqueueOnce(tasks);
    await this.options.feed.publish(events.map(toFeedEvent));
  }

  /** Checks the epoch; after a loss of Redis data, re-enqueues every task still owed. Safe to call often. */
  async recoverIfRedisLostState(): Promise<number> {
    const { fresh } = await this.options.epoch.ensure();
    if (!fresh) return 0;
    try {
      return await this.requeueOpenRuns();
    } catch (error) {
      await this.options.epoch.forget(); // the next check starts the recovery again
      throw error;
    }
  }

  private async requeueOpenRuns(): Promise<number> {
    let enqueued = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.options.store.listOpenStreams(RUN_STREAM_TYPE, { after, limit: 500 });
      if (!page.length) break;
      for (const stream of page) enqueued += await this.requeueRun(stream.streamId);
      after = page[page.length - 1]!.streamId;
    }
    this.options.logger[enqueued ? 'warn' : 'info']('Redis epoch was missing (first start, FLUSHALL or a restart without data): re-enqueued owed tasks from PostgreSQL', { tasks: enqueued });
    return enqueued;
  }

  private async requeueRun(streamId: string): Promise<number> {
    const { state, workspaceId } = await this.options.aggregates.runs.load(streamId);
    if (state.status !== 'running' || !workspaceId) return 0;
    const owed = Object.entries(state.nodes).filter(([, node]) => node.status === 'scheduled' || node.status === 'running');
    const tasks = owed.map(([nodeId, node]) => ({
      queue: node.queue ?? DEFAULT_QUEUE,
      task: { runId: state.runId, nodeId, attempt: node.attempt, workspaceId, scheduledAt: new Date().toISOString() },
    }));
    if (tasks.length) await this.options.tasks.enqueueOnce(tasks);
    return tasks.length;
  }
}

export const runIdOfStream = (streamId: string): string => streamId.replace(/^run-/, '');
