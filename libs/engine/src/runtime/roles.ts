import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { hostname } from 'node:os';
import { EventFeed, NodeLimiter, RedisEpoch, TaskQueue } from '@weft/bus';
import { startTailer } from '@weft/event-store';
import type { Role } from '../config/weft-config.js';
import { RUN_ADMISSION_TAILER, RunAdmission } from '../flow-control/run-admission.js';
import { ReadModelProjector } from '../projection/read-model.projector.js';
import { READ_MODELS_TAILER } from '../projection/rebuild-read-models.js';
import { TimersProjector } from '../projection/timers.projector.js';
import { FINISHED_RUNS, RUN_LIFECYCLE_EVENTS, toFeedEvent, workspaceRunsChannel, type FeedEvent, type RunChanged } from '../relay/feed-event.js';
import { Relay, runIdOfStream } from '../relay/relay.js';
import { ChildRunsCoordinator } from '../children/child-runs-coordinator.js';
import { DELIVERIES_TAILER, DeliveryPlanner } from '../deliveries/delivery-planner.js';
import { DeliverySender } from '../deliveries/delivery-sender.js';
import { WaitMatcher } from '../signals/wait-matcher.js';
import { EVENT_TRIGGERS_TAILER, EventTriggerStarter } from '../event-triggers/event-trigger-starter.js';
import { TimerPoller } from '../timers/timer-poller.js';
import { ScheduleFirer } from '../schedules/schedule-firer.js';
import { endedRunsIn, followEndedRuns } from '../worker/ended-runs.js';
import { TaskProcessor } from '../worker/task-processor.js';
import { attemptTelemetry } from '../worker/attempt-telemetry.js';
import { projectorLagGauge, queueGauges, relayLagGauge } from '../metrics/role-gauges.js';
import { WorkerLoop } from '../worker/worker-loop.js';
import type { Platform } from './platform.js';

/** A started role; `stop` finishes or hands back its work and returns. */
export type RoleHandle = { role: Role; stop(): Promise<void> };

/**
 * Consumes the configured task queues and executes nodes. Tasks of a run that
 * ends are aborted at once (its end is announced live), or at the latest at the
 * next lease extension (visibility timeout ÷ 3) when that announcement is lost.
 */
export function startWorker(platform: Platform, options: { workerId?: string } = {}): RoleHandle & { loop: WorkerLoop } {
  const { config, logger } = platform;
  const workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  if (!platform.nodes) throw new Error('the worker role needs node plugins: create the platform with { nodes: true }');
  // Per-node-type limits live in Redis, shared by every worker; a slot outlives a dead worker by one visibility timeout.
  const { nodeLimits, visibilityTimeoutMs } = config.worker;
  const limiter = Object.keys(nodeLimits).length ? new NodeLimiter(platform.redis, config.redisPrefix, { limits: nodeLimits, leaseMs: visibilityTimeoutMs, logger }) : undefined;
  const processor = new TaskProcessor({ aggregates: platform.aggregates, nodes: platform.nodes, registry: platform.registry, services: platform.services, servicesFor: (workspaceId) => platform.servicesFor(workspaceId), secrets: platform.secrets, live: platform.live.publisher, ...(limiter ? { limiter } : {}), workerId, logger: logger.child({ role: 'worker', workerId }), telemetry: attemptTelemetry({ metrics: platform.metrics, tracing: platform.tracing, workerId }) });
  const workerLogger = logger.child({ role: 'worker', workerId });
  const readers = new Map(config.worker.queues.map((queue) => [queue, new TaskQueue(platform.newRedis(), config.redisPrefix)]));
  const loop = new WorkerLoop({
    readers,
    control: new TaskQueue(platform.redis, config.redisPrefix),
    consumer: workerId,
    concurrency: config.worker.concurrency,
    visibilityTimeoutMs: config.worker.visibilityTimeoutMs,
    process: (task, signal) => processor.process(task, signal),
    endedRuns: (runIds) => endedRunsIn(platform.store, runIds),
    maxDeliveries: config.worker.maxDeliveries,
    deadLetter: (task, deliveries) => processor.deadLetter(task, deliveries),
    logger: workerLogger,
  });
  loop.start();
  const unwatch = platform.metrics.watchQueues(queueGauges(new TaskQueue(platform.redis, config.redisPrefix), config.worker.queues));
  const following = followEndedRuns((channel, listener) => platform.live.subscribe(channel, listener), (runId) => loop.runEnded(runId), workerLogger);
  return {
    role: 'worker',
    loop,
    async stop() {
      await loop.stop(config.shutdownDeadlineMs); // runs ending meanwhile still free their tasks
      await (await following)();
      unwatch();
    },
  };
}

/** Publishes committed events to Redis (task queues and feed); one active instance at a time. */
export function startRelay(platform: Platform): RoleHandle & { relay: Relay } {
  const { config, logger } = platform;
  const relay = new Relay({
    store: platform.store,
    aggregates: platform.aggregates,
    tasks: new TaskQueue(platform.redis, config.redisPrefix),
    feed: new EventFeed(platform.redis, config.redisPrefix),
    epoch: new RedisEpoch(platform.redis, config.redisPrefix),
    logger: logger.child({ role: 'relay' }),
  });
  relay.startWatchdog();
  // Workers publish tasks themselves right after each commit (fast path): the relay is the
  // guarantee behind it, so it may gather a few commits per batch.
  const tailer = startTailer({ pool: platform.pool, name: 'relay', batchSize: 500, coalesceMs: 20, coalesceAbove: 1, handle: (events) => relay.handle(events), logger: logger.child({ role: 'relay' }) });
  const unwatch = platform.metrics.watchLag(relayLagGauge(platform.pool, tailer.name));
  return {
    role: 'relay',
    relay,
    async stop() {
      unwatch();
      relay.stopWatchdog();
      await tailer.stop();
    },
  };
}

/**
 * The tailers beside the read models (wait matching, event triggers, run admission,
 * child runs, delivery planning) act on a few event types each, yet every commit
 * wakes them all, and each wake costs several queries (read, checkpoint, read again,
 * idle check) plus the polls of events held back by the others' checkpoint writes: at
 * one run at a time, that traffic was most of PostgreSQL's work and slowed the run
 * itself. Like the relay, they gather the commits of up to 20 ms after each batch they
 * handle: a quiet system still reacts at once, a busy one reads each wave of commits
 * once. Each keeps its own checkpoint, so none holds another back.
 */
const REACTOR_TAILER = { batchSize: 500, coalesceMs: 20, coalesceAbove: 1 };

/** Builds the read models and the timers table, then pushes each applied run event to live subscribers. */
export function startProjector(platform: Platform): RoleHandle {
  const { logger } = platform;
  // Read models are derived: their writes need not wait for the WAL flush (a crash replays from
  // the checkpoint, which is written after them and so is lost with them). Events keep full durability.
  const readModelPool = new pg.Pool({ connectionString: platform.config.databaseUrl, max: 2, options: '-c synchronous_commit=off' });
  // An idle client's error (PostgreSQL restarted) must not take the process down: the pool drops it, the next query reconnects.
  readModelPool.on('error', (error) => logger.warn('idle PostgreSQL client error (read models)', { error: error.message }));
  const projector = new ReadModelProjector(readModelPool, async (events) => {
    const byRun = new Map<string, FeedEvent[]>();
    for (const event of events) {
      if (event.streamId.startsWith('run-')) byRun.set(runIdOfStream(event.streamId), [...(byRun.get(runIdOfStream(event.streamId)) ?? []), toFeedEvent(event)]);
    }
    await platform.live.publisher.publishMany([
      // One message per run and batch: the run's new events, in order (a LiveUpdate).
      ...[...byRun].map(([runId, feed]) => ({ runId, message: feed })),
      // One channel for every run's end, so a synchronous trigger waits (and a worker learns which tasks to abort) without a SUBSCRIBE per run.
      ...[...byRun.values()].flat().filter((e) => e.type === 'workflow.finished').map((e) => ({ runId: FINISHED_RUNS, message: e })),
      // One per workspace and run whose standing changed: run lists follow without a SUBSCRIBE per run.
      ...[...byRun].flatMap(([runId, feed]) => {
        const changed = feed.filter((e) => RUN_LIFECYCLE_EVENTS.has(e.type)).at(-1);
        const message: RunChanged | undefined = changed && { runId, workspaceId: changed.workspaceId, type: changed.type };
        return message ? [{ runId: workspaceRunsChannel(message.workspaceId), message }] : [];
      }),
    ]);
  });
  const timers = new TimersProjector(platform.pool);
  // One tailer for both: every event is read and parsed once.
  const tailer = startTailer({
    pool: platform.pool,
    name: READ_MODELS_TAILER,
    batchSize: 500,
    coalesceMs: 2,
    handle: async (events) => {
      await timers.handle(events);
      await projector.handle(events);
    },
    onCheckpointMoved: () => projector.forget(),
    logger: logger.child({ role: 'projector' }),
  });
  // Its own checkpoint: it sends commands (resumes), so a slow read model never holds it back, nor it the read models.
  const matcher = new WaitMatcher(platform.pool, platform.aggregates, logger.child({ role: 'wait-matcher' }));
  const matching = startTailer({ pool: platform.pool, name: 'wait-matcher', ...REACTOR_TAILER, handle: (events) => matcher.handle(events), logger: logger.child({ role: 'wait-matcher' }) });
  // Its own too: it starts runs on emitted events and on runs' ends (error handlers).
  const starter = new EventTriggerStarter(platform.pool, platform.aggregates, logger.child({ role: 'event-triggers' }));
  const starting = startTailer({ pool: platform.pool, name: EVENT_TRIGGERS_TAILER, ...REACTOR_TAILER, handle: (events) => starter.handle(events), logger: logger.child({ role: 'event-triggers' }) });
  // Its own too: queued runs are admitted even while the read models catch up.
  const admission = new RunAdmission(platform.pool, platform.aggregates, logger.child({ role: 'run-admission' }));
  const admitting = startTailer({ pool: platform.pool, name: RUN_ADMISSION_TAILER, ...REACTOR_TAILER, handle: (events) => admission.handle(events), logger: logger.child({ role: 'run-admission' }) });
  const children = new ChildRunsCoordinator(platform.pool, platform.aggregates, platform.outputs, logger.child({ role: 'child-runs' }));
  const coordinating = startTailer({ pool: platform.pool, name: 'child-runs', ...REACTOR_TAILER, handle: (events) => children.handle(events), logger: logger.child({ role: 'child-runs' }) });
  // Its own too: outgoing deliveries are written even while the read models catch up (the scheduler sends them).
  const planner = new DeliveryPlanner(platform.pool, logger.child({ role: 'deliveries' }));
  const planning = startTailer({ pool: platform.pool, name: DELIVERIES_TAILER, ...REACTOR_TAILER, handle: (events) => planner.handle(events), onCheckpointMoved: () => planner.forget(), logger: logger.child({ role: 'deliveries' }) });
  const tailers = [tailer, matching, starting, coordinating, admitting, planning];
  const unwatch = platform.metrics.watchLag(projectorLagGauge(platform.pool, tailers.map((t) => t.name)));
  return {
    role: 'projector',
    async stop() {
      unwatch();
      await Promise.all(tailers.map((t) => t.stop()));
      await readModelPool.end();
    },
  };
}

/** Fires due durable timers, and schedules and moments (one leading scheduler at a time); sends outgoing event deliveries. */
export function startScheduler(platform: Platform): RoleHandle & { schedules: ScheduleFirer } {
  const { fireJitter } = platform.metrics;
  const poller = new TimerPoller({ pool: platform.pool, aggregates: platform.aggregates, logger: platform.logger.child({ role: 'scheduler' }), onFired: (lateMs) => fireJitter.observe({ kind: 'timer' }, lateMs / 1000) });
  poller.start();
  const schedules = new ScheduleFirer({
    databaseUrl: platform.config.databaseUrl,
    pool: platform.pool,
    aggregates: platform.aggregates,
    logger: platform.logger.child({ role: 'scheduler' }),
    onFired: (lateMs, kind) => fireJitter.observe({ kind }, lateMs / 1000),
  });
  schedules.start();
  // Leader-free: senders claim deliveries with SKIP LOCKED, so every scheduler instance sends.
  const deliveries = new DeliverySender({ pool: platform.pool, fetch: platform.services.fetch, secrets: platform.secrets, settings: platform.config.deliveries, logger: platform.logger.child({ role: 'deliveries' }) });
  deliveries.start();
  return {
    role: 'scheduler',
    schedules,
    async stop() {
      await Promise.all([poller.stop(), schedules.stop(), deliveries.stop()]);
    },
  };
}

const starters: Record<Exclude<Role, 'api'>, (platform: Platform) => RoleHandle> = {
  worker: (p) => startWorker(p),
  relay: startRelay,
  projector: startProjector,
  scheduler: startScheduler,
};

/** Starts every background role listed (the API is served by apps/api). */
export function startRoles(platform: Platform, roles: readonly Role[]): RoleHandle[] {
  return roles.filter((r): r is Exclude<Role, 'api'> => r !== 'api').map((role) => starters[role](platform));
}

export async function stopRoles(handles: RoleHandle[]): Promise<void> {
  await Promise.all(handles.map((h) => h.stop()));
}
