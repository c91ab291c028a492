import type { TaskMessage, TaskQueue } from '@weft/bus';
import type { Logger } from '../logger.js';
import type { TaskOutcome } from './task-processor.js';

export type WorkerLoopOptions = {
  /** One queue client per consumed queue: a blocking read holds its connection. */
  readers: Map<string, TaskQueue>;
  /** Shared client for acks, reclaims and lease extensions. */
  control: TaskQueue;
  consumer: string;
  concurrency: number;
  visibilityTimeoutMs: number;
  blockMs?: number;
  /** How long a deferred task (its node type at its limit) is held before it goes back to the end of its queue. Default 200 ms, ±50 % jitter. */
  deferMs?: number;
  process(task: TaskMessage, signal: AbortSignal): Promise<TaskOutcome>;
  /**
   * Of these runs (those with tasks in flight here), the ones that have ended. Asked
   * with each lease extension: the safety net under `runEnded`, whose notices may be
   * lost. Must only name runs whose end is committed.
   */
  endedRuns?(runIds: string[]): Promise<string[]>;
  /**
   * A task whose workers died or stalled holding it this many times is not run again: its
   * next delivery goes to `deadLetter`, which fails its attempt, then it is acked. Default 5.
   */
  maxDeliveries?: number;
  deadLetter?(task: TaskMessage, deliveries: number): Promise<void>;
  logger: Logger;
};

/** Times a task may take its worker down before its next delivery dead-letters it. */
export const DEFAULT_MAX_DELIVERIES = 5;
/** Deliveries from which a reclaimed task runs alone: it was in flight at two worker deaths already. */
export const SUSPECT_DELIVERIES = 3;

/** A task taken and not yet acked or handed back; `working` until its processing settles (then only the ack is left). */
type InFlight = { queue: string; id: string; runId: string; deliveries: number; abort: AbortController; working: boolean; done: Promise<void> };

/**
 * The abort reason of a task whose run has ended (succeeded, failed, cancelled):
 * no report of it can be applied any more, so it is acknowledged and reports nothing.
 */
export class RunEndedError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} has ended`);
    this.name = 'RunEndedError';
  }
}

/** The abort reason of tasks still running when a stopping worker's deadline passes: they are handed back at once, their delivery count untouched. */
export class WorkerStoppingError extends Error {
  constructor() {
    super('worker stopping');
    this.name = 'WorkerStoppingError';
  }
}

/**
 * A consumer-group member: leases up to `concurrency` tasks at once, acks a
 * task only after its result is committed, keeps the lease of long tasks
 * alive, and reclaims tasks whose worker died (idle past the visibility
 * timeout). A task whose processing throws (database down…) is not acked:
 * it is reclaimed and tried again — unless its run has ended (`runEnded`):
 * such a task is aborted and acked, never handed back.
 */
export class WorkerLoop {
  private running = false;
  private readonly inFlight = new Map<string, InFlight>();
  private readonly loops: Promise<void>[] = [];
  private slotFreed: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];
  /** The key of the reclaimed task running alone here, if any. */
  private solo: string | undefined;
  /** A stale task has waited long for a worker with nothing in flight: take nothing new until this one is free to recover it. */
  private draining = false;
  private reclaiming = false;

  constructor(private readonly options: WorkerLoopOptions) {}

  get busy(): number {
    return this.inFlight.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const [queue, reader] of this.options.readers) this.loops.push(this.readLoop(queue, reader));
    const { visibilityTimeoutMs } = this.options;
    this.timers.push(setInterval(() => void this.extendLeases().then(() => this.abortTasksOfEndedRuns()), Math.max(250, visibilityTimeoutMs / 3)));
    this.timers.push(setInterval(() => void this.reclaim(), Math.max(250, visibilityTimeoutMs / 2)));
  }

  /**
   * Aborts every task in flight of run `runId`, which has ended (its end is
   * committed): they report nothing and are acked. Returns how many were aborted.
   */
  runEnded(runId: string): number {
    let aborted = 0;
    for (const task of this.inFlight.values()) {
      if (task.runId !== runId || !task.working || task.abort.signal.aborted) continue;
      task.abort.abort(new RunEndedError(runId));
      aborted += 1;
    }
    if (aborted) this.options.logger.info('aborting tasks of an ended run', { runId, tasks: aborted });
    return aborted;
  }

  /** Asks `endedRuns` about the runs in flight and aborts the tasks of those that ended (see `runEnded`). */
  async abortTasksOfEndedRuns(): Promise<void> {
    const runIds = [...new Set([...this.inFlight.values()].filter((t) => t.working && !t.abort.signal.aborted).map((t) => t.runId))];
    if (!this.options.endedRuns || runIds.length === 0) return;
    try {
      for (const runId of await this.options.endedRuns(runIds)) this.runEnded(runId);
    } catch (error) {
      this.options.logger.warn('checking for ended runs failed', { runs: runIds.length, error: String(error) });
    }
  }

  /**
   * Stops taking tasks, waits up to `deadlineMs` for those in flight, then aborts the rest
   * and hands them back: made reclaimable at once by other workers, their delivery count
   * as before (a stop is not a crash), their attempt reporting nothing from here.
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    this.running = false;
    this.timers.forEach(clearInterval);
    this.timers = [];
    this.slotFreed?.();
    const all = Promise.all([...this.inFlight.values()].map((t) => t.done));
    const timeout = new Promise((resolve) => setTimeout(resolve, deadlineMs).unref());
    await Promise.race([all, timeout]);
    for (const task of this.inFlight.values()) task.abort.abort(new WorkerStoppingError());
    // Abandoned tasks report nothing; wait for them to unwind before connections close.
    await Promise.race([Promise.allSettled([...this.inFlight.values()].map((t) => t.done)), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await Promise.allSettled(this.loops);
  }

  private async readLoop(queue: string, reader: TaskQueue): Promise<void> {
    let backoff = 100;
    while (this.running) {
      // A task being recovered runs alone; while one waits for recovery, nothing new is taken.
      const free = this.solo || this.draining ? 0 : this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotFreed = resolve));
        continue;
      }
      try {
        const entries = await reader.consume(queue, this.options.consumer, { count: free, blockMs: this.options.blockMs ?? 1000 });
        for (const entry of entries) this.dispatch(queue, entry.id, entry.task, 1);
        backoff = 100;
      } catch (error) {
        if (!this.running) break;
        this.options.logger.warn('task queue read failed', { queue, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private dispatch(queue: string, id: string, task: TaskMessage, deliveries: number): void {
    const key = `${queue}/${id}`;
    if (this.inFlight.has(key)) return;
    const entry: InFlight = { queue, id, runId: task.runId, deliveries, abort: new AbortController(), working: true, done: Promise.resolve() };
    this.inFlight.set(key, entry);
    entry.done = this.work(key, entry, task);
  }

  private async work(key: string, entry: InFlight, task: TaskMessage): Promise<void> {
    const { queue, id, abort } = entry;
    const context = { queue, id, workspaceId: task.workspaceId, runId: task.runId, nodeId: task.nodeId, attempt: task.attempt };
    try {
      const outcome = await this.options
        .process(task, abort.signal)
        .catch((error: unknown) => {
          // Whatever the processor made of it, a task of an ended run is over: ack it, never hand it back.
          if (abort.signal.reason instanceof RunEndedError) return 'run ended' as const;
          throw error;
        })
        .finally(() => {
          entry.working = false;
        });
      if (outcome === 'deferred') {
        await this.requeueLater(queue, id, task);
        return;
      }
      await this.options.control.ack(queue, [id]);
      if (outcome === 'dropped') this.options.logger.info('task dropped: attempt no longer current', context);
      if (outcome === 'run ended') this.options.logger.info('task aborted: its run has ended', context);
    } catch (error) {
      if (abort.signal.reason instanceof WorkerStoppingError) await this.handBackOnStop(entry, task, context);
      else if (abort.signal.aborted) this.options.logger.info('task handed back', { ...context, error: String(error) });
      else this.options.logger.error('task failed; left for reclaim', { ...context, error: String(error) });
    } finally {
      this.inFlight.delete(key);
      if (this.solo === key || (this.draining && this.inFlight.size === 0)) {
        if (this.solo === key) this.solo = undefined;
        void this.reclaim(); // the next stale task, if any, without waiting for the timer
      }
      this.wakeReaders();
    }
  }

  /** Should the hand-back fail (Redis down), the task is reclaimed after the visibility timeout all the same. */
  private async handBackOnStop(entry: InFlight, task: TaskMessage, context: Record<string, unknown>): Promise<void> {
    try {
      await this.options.control.handBack(entry.queue, this.options.consumer, { id: entry.id, task, deliveries: entry.deliveries }, this.options.visibilityTimeoutMs);
      this.options.logger.info('task handed back: worker stopping', context);
    } catch (error) {
      this.options.logger.warn('hand-back failed; the task is reclaimed after the visibility timeout', { ...context, error: String(error) });
    }
  }

  /**
   * A deferred task waits a moment (keeping its lease), then goes back to the end of
   * its queue in one step: never failed, lost or doubled. Should that fail, it stays
   * pending and is reclaimed after the visibility timeout.
   */
  private async requeueLater(queue: string, id: string, task: TaskMessage): Promise<void> {
    const deferMs = this.options.deferMs ?? 200;
    if (this.running) await new Promise((resolve) => setTimeout(resolve, deferMs * (0.5 + Math.random())));
    await this.options.control.requeue(queue, id, task);
  }

  private async extendLeases(): Promise<void> {
    const byQueue = new Map<string, string[]>();
    for (const task of this.inFlight.values()) byQueue.set(task.queue, [...(byQueue.get(task.queue) ?? []), task.id]);
    for (const [queue, ids] of byQueue) {
      try {
        const kept = new Set(await this.options.control.extendLease(queue, this.options.consumer, ids));
        for (const id of ids) {
          // Another worker reclaimed it (we were silent past the visibility timeout): stop working on it.
          if (!kept.has(id)) this.inFlight.get(`${queue}/${id}`)?.abort.abort(new Error('lease lost'));
        }
      } catch (error) {
        this.options.logger.warn('lease extension failed', { queue, error: String(error) });
      }
    }
  }

  private wakeReaders(): void {
    const wake = this.slotFreed;
    this.slotFreed = undefined;
    wake?.();
  }

  /**
   * Recovers tasks whose worker died or stalled (pending past the visibility timeout). Most
   * were merely in flight when their worker went: they run again alongside other work. One
   * delivered `SUSPECT_DELIVERIES` times or more was there at each of several deaths: it runs
   * alone on an idle worker, so if it is what takes workers down it takes nothing else with
   * it, and its delivery count (XPENDING) counts its own failures. Past `maxDeliveries` it is
   * dead-lettered instead. A busy worker hands suspects back (count untouched) and takes
   * nothing new until it is idle and can run one.
   */
  private async reclaim(): Promise<void> {
    if (!this.running || this.reclaiming) return;
    this.reclaiming = true;
    const { control, consumer, visibilityTimeoutMs, logger } = this.options;
    try {
      for (const queue of this.options.readers.keys()) {
        const free = this.options.concurrency - this.inFlight.size;
        if (this.solo || free <= 0) continue;
        const idle = this.inFlight.size === 0;
        const entries = await control.reclaim(queue, consumer, { minIdleMs: visibilityTimeoutMs, count: free });
        const suspects = entries.filter((entry) => (entry.deliveries ?? 0) >= SUSPECT_DELIVERIES);
        // An idle worker runs one suspect alone and gives everything else back; a busy one gives the suspects back.
        const alone = idle ? suspects[0] : undefined;
        for (const entry of entries) {
          const context = { queue, id: entry.id, workspaceId: entry.task.workspaceId, runId: entry.task.runId, nodeId: entry.task.nodeId, attempt: entry.task.attempt, deliveries: entry.deliveries };
          if (this.options.deadLetter && (entry.deliveries ?? 0) > (this.options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES)) {
            logger.error('dead-lettered a task that kept taking its worker down', context);
            await this.options.deadLetter(entry.task, entry.deliveries!);
            await control.ack(queue, [entry.id]);
          } else if (alone === entry) {
            logger.warn('recovering a task that was in flight at several worker deaths, alone', context);
            this.solo = `${queue}/${entry.id}`;
            this.dispatch(queue, entry.id, entry.task, entry.deliveries ?? 1);
          } else if (alone || suspects.includes(entry)) {
            await control.handBack(queue, consumer, entry, visibilityTimeoutMs);
            if (!alone) this.draining = true;
          } else {
            logger.warn('reclaimed a task from a silent worker', context);
            this.dispatch(queue, entry.id, entry.task, entry.deliveries ?? 1);
          }
        }
        if (this.draining && !suspects.length && idle) this.draining = false;
      }
    } catch (error) {
      logger.warn('reclaim failed', { error: String(error) });
    } finally {
      this.reclaiming = false;
      if (!this.draining) this.wakeReaders();
    }
  }
}
