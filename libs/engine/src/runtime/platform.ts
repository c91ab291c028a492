import pg from 'pg';
import { Redis } from 'ioredis';
import type { PrismaClient } from '@weft/db';
import { LivePublisher, LiveSubscriber, TaskQueue, type LiveListener } from '@weft/bus';
import { PgEventStore } from '@weft/event-store';
import type { NodeRegistry, NodeServices } from '@weft/nodes';
import { networkPolicyStreamId, runStreamId, workflowStreamId, type NodeTypeCatalog, type RunEvent, type RunState } from '@weft/domain';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import { StartupError, type WeftConfig } from '../config/weft-config.js';
import { FINISHED_RUNS, type FeedEvent } from '../relay/feed-event.js';
import { scheduledTasks } from '../relay/scheduled-tasks.js';
import { createLogger, type Logger } from '../logger.js';
import { OutputBlobStore } from '../outputs/output-blob-store.js';
import { OutputStorage } from '../outputs/output-storage.js';
import { SecretBox } from '../secrets/secret-box.js';
import { createWorkspaceServices } from '../network/workspace-services.js';
import { checkReadiness, type Readiness } from '../health/readiness.js';
import { createMetrics, type WeftMetrics } from '../metrics/weft-metrics.js';
import { NOOP_TRACING, type Tracing } from '../tracing/tracing.js';

/**
 * The connections and services every role shares, created once per process
 * from the configuration and closed together.
 */
export type Platform = {
  config: WeftConfig;
  logger: Logger;
  pool: pg.Pool;
  prisma: PrismaClient;
  /** For commands (never blocking reads: those get their own connection). */
  redis: Redis;
  store: PgEventStore;
  registry: NodeRegistry;
  catalog: NodeTypeCatalog;
  /** The node plugins module, when this process executes nodes (`nodes` option). */
  nodes: typeof import('@weft/nodes') | undefined;
  aggregates: Aggregates;
  /** Node outputs stored out of line: the worker writes them, readers resolve references in their own workspace. */
  outputs: OutputStorage;
  /** Seals and opens secrets kept at rest (WEFT_SECRETS_KEY). */
  secrets: SecretBox;
  live: { subscribe(runId: string, listener: LiveListener): Promise<() => Promise<void>>; publisher: LivePublisher };
  /** The operator's policy: for what is not a workspace's node (e.g. outgoing event deliveries). */
  services: NodeServices;
  /** The services of a node attempt in a workspace: `fetch` and `guardHost` also follow the workspace's network allow-list. */
  servicesFor(workspaceId: string): NodeServices;
  /** A new Redis connection with the platform's settings (for blocking reads, subscriptions). */
  newRedis(): Redis;
  metrics: WeftMetrics;
  /** Node attempts and runs as OpenTelemetry spans when an exporter is configured (OTEL_EXPORTER_OTLP_ENDPOINT); a no-op otherwise. */
  tracing: Tracing;
  /** Readiness of this process: PostgreSQL and Redis answer within the timeout, and it is not shutting down (`drain`). */
  health: { readiness(): Promise<Readiness>; drain(): void; readonly draining: boolean };
  close(): Promise<void>;
};

export type PlatformOptions = {
  logger?: Logger;
  registry?: NodeRegistry;
  /**
   * Load the node plugins (their schemas, the expression engine, the guarded
   * fetch). Processes that only relay or project events do without. Default true.
   */
  nodes?: boolean;
  /** Load Prisma to query the read models (the API does; background roles write them with SQL). */
  readModels?: boolean;
  /** Instead of the one the configuration implies (tests: an in-memory exporter). */
  tracing?: Tracing;
};

export async function createPlatform(config: WeftConfig, options: PlatformOptions = {}): Promise<Platform> {
  const logger = options.logger ?? createLogger({ service: 'weft' });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.pgPoolSize });
  pool.on('error', (error) => logger.warn('idle PostgreSQL client error', { error: error.message }));
  await pool.query('SELECT 1').catch((error: Error) => {
    throw new StartupError(`PostgreSQL is not reachable at ${new URL(config.databaseUrl).host} (DATABASE_URL): ${error.message}`);
  });
  // Prisma (the API's read side) costs tens of MiB: only processes that query read models load it.
  const prisma = options.readModels ? (await import('@weft/db')).createPrisma(config.databaseUrl, { max: Math.max(2, Math.ceil(config.pgPoolSize / 2)) }) : undefined;
  const redisConnections: Redis[] = [];
  // No auto-pipelining: ioredis 6 throws an uncaught TypeError ("results[i] is not iterable")
  // from an auto-pipeline in flight when Redis restarts, which takes the whole process down
  // (seen in the fault suite; redis/ioredis#1931). Commands still overlap on one connection.
  const newRedis = () => {
    const redis = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    redis.on('error', (error) => logger.warn('Redis connection error', { error: error.message }));
    redisConnections.push(redis);
    return redis;
  };
  const redis = newRedis();
  const store = new PgEventStore(pool, { batchAppends: true });
  const nodes = options.nodes === false ? undefined : await import('@weft/nodes');
  // Node packages (WEFT_NODE_PACKAGES) join the built-in nodes; a bad or duplicate one stops the start-up here.
  const registry = options.registry ?? (nodes && (config.nodePackages.length ? await nodes.loadNodeRegistry(config.nodePackages, process.cwd()) : nodes.defaultRegistry())) ?? emptyRegistry();
  const catalog = registry.toCatalog();
  const subscriber = new LiveSubscriber(newRedis(), config.redisPrefix);
  const taskQueue = new TaskQueue(redis, config.redisPrefix);
  const livePublisher = new LivePublisher(redis, config.redisPrefix);
  const outputs = new OutputStorage(new OutputBlobStore(pool), config.outputs);
  const metrics = createMetrics({ collectTimeoutMs: config.health.readinessTimeoutMs });
  // The OpenTelemetry SDK is loaded only by processes that export traces.
  const tracing =
    options.tracing ??
    (config.tracing.endpoint
      ? (await import('../tracing/otel-tracing.js')).createOtelTracing({ serviceName: config.tracing.serviceName, logger, export: { endpoint: config.tracing.endpoint, headers: config.tracing.headers } })
      : NOOP_TRACING);
  let draining = false;
  const health: Platform['health'] = {
    readiness: () => checkReadiness({ postgres: () => pool.query('SELECT 1'), redis: () => redis.ping() }, { timeoutMs: config.health.readinessTimeoutMs, draining }),
    drain: () => {
      draining = true;
    },
    get draining() {
      return draining;
    },
  };
  // The fault suite's hook: this process dies between a commit and its publish (WEFT_FAULT_EXIT_AFTER_RUN_APPENDS).
  let runAppends = 0;
  const exitAfterCommitForFaultTests = () => {
    const limit = config.faults.exitAfterRunAppends;
    if (limit !== undefined && ++runAppends >= limit) {
      process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'fault injection: exiting between commit and publish', runAppends })}\n`);
      process.exit(86);
    }
  };
  const aggregates = createAggregates(store, catalog, {
    // Fast path: tasks go to Redis right after the commit; the relay publishes them again from the log (deduplicated).
    // Not awaited: the worker's ack does not wait for it.
    afterRunAppend: (command, events, appended) => {
      exitAfterCommitForFaultTests();
      const { runId } = command.data;
      const { workspaceId } = command.metadata;
      countRuns(metrics, events);
      if (tracing.enabled) traceFinishedRun(tracing, workspaceId, events, appended.state);
      const tasks = scheduledTasks(runId, workspaceId, events);
      if (tasks.length) void taskQueue.enqueueOnce(tasks).catch((error: Error) => logger.warn('fast-path publish failed; the relay will publish', { error: error.message }));
      // A committed end is final: synchronous triggers may answer now, and workers abort the run's tasks, before the read model (whose projector announces it again).
      const finished = events.find((e) => e.type === 'workflow.finished');
      if (finished) {
        const message: FeedEvent = { type: finished.type, streamId: runStreamId(runId), version: appended.version, globalPosition: appended.lastPosition, workspaceId, recordedAt: command.metadata.now, data: finished.data };
        void livePublisher.publish(FINISHED_RUNS, message).catch((error: Error) => logger.warn('fast-path finish announce failed', { error: error.message }));
      }
      return Promise.resolve();
    },
  }, outputs, nodes ? { expression: (source) => nodes.checkExpressionSyntax(source), allowEntry: nodes.createWorkspaceAllowCheck(config.http.workspaceAllowable) } : {});
  const services: NodeServices = {
    fetch: nodes ? nodes.createGuardedFetch({ allow: config.http.allow }) : refuseFetch,
    // Email (SMTP) and SQL (PostgreSQL) nodes check their hosts with the same policy and allow-list.
    ...(nodes ? { guardHost: nodes.createHostGuard({ allow: config.http.allow }) } : {}),
    now: () => new Date(),
    publishedVersion: async (workspaceId, workflowId, version) => {
      const { state } = await aggregates.workflows.loadInWorkspace(workflowStreamId(workflowId), workspaceId).catch(() => ({ state: undefined }));
      if (!state?.exists || state.archived || !state.versions.length) return undefined;
      const chosen = version ?? state.versions.length;
      return chosen >= 1 && chosen <= state.versions.length ? chosen : undefined;
    },
  };
  const servicesFor = nodes
    ? createWorkspaceServices({
        base: services,
        allow: config.http.allow,
        loadAllowList: async (workspaceId) => {
          const { state, version } = await aggregates.networkPolicies.load(networkPolicyStreamId(workspaceId));
          return { entries: state.entries, version };
        },
        workspaceAllow: (entries) => nodes.workspaceAllowFor(entries, config.http.workspaceAllowable),
        createFetch: (policy) => nodes.createGuardedFetch(policy),
        createHostGuard: (policy) => nodes.createHostGuard(policy),
      })
    : () => services;
  return {
    config,
    logger,
    pool,
    get prisma(): PrismaClient {
      if (!prisma) throw new Error('this process was created without read models (createPlatform(config, { readModels: true }))');
      return prisma;
    },
    redis,
    store,
    registry,
    catalog,
    nodes,
    outputs,
    secrets: new SecretBox([config.secretsKey, ...config.previousSecretsKeys]),
    aggregates,
    live: { subscribe: (runId, listener) => subscriber.subscribe(runId, listener), publisher: livePublisher },
    services,
    servicesFor,
    newRedis,
    metrics,
    tracing,
    health,
    async close() {
      await tracing.shutdown();
      await subscriber.close();
      for (const connection of redisConnections) connection.disconnect();
      await prisma?.$disconnect();
      await pool.end();
    },
  };
}

/** Runs started and finished by the appends of this process. */
function countRuns(metrics: WeftMetrics, events: readonly RunEvent[]): void {
  for (const event of events) {
    if (event.type === 'workflow.started') metrics.runsStarted.inc({ trigger: event.data.trigger?.kind ?? (event.data.parent ? 'parent' : 'manual') });
    else if (event.type === 'workflow.finished') metrics.runsFinished.inc({ status: event.data.status });
  }
}

/** The run's own span, once it has finished: the root of its trace. */
function traceFinishedRun(tracing: Tracing, workspaceId: string, events: readonly RunEvent[], state: RunState): void {
  const finished = events.find((e) => e.type === 'workflow.finished');
  if (!finished || state.status === 'none') return;
  const { status, finishedAt, error } = finished.data;
  tracing.runFinished({
    workspaceId,
    runId: state.runId,
    workflowId: state.workflowId,
    workflowVersion: state.workflowVersion,
    startedAt: state.startedAt,
    finishedAt,
    status,
    ...(state.trigger ? { trigger: state.trigger.kind } : {}),
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  });
}

/** Without node plugins: no node types (events still fold; nothing can be decided about a node). */
const emptyRegistry = (): NodeRegistry => ({ get: () => undefined, list: () => [], toCatalog: () => new Map() });

const refuseFetch: typeof fetch = () => Promise.reject(new Error('this process was created without node plugins'));
