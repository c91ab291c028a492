import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ScrapedGauges, type GaugeSource } from './scraped-gauges.js';

/** Gauges of the worker role: its queues. */
export type QueueGauge = 'depth' | 'oldestAge';
/** Gauges of the relay and projector roles: how far their tailers trail the log. */
export type LagGauge = 'relay' | 'projector';

/**
 * A process's Prometheus metrics, in a registry of its own (never prom-client's global
 * one: tests run several platforms in one process). Counters and histograms count what
 * this process did (a scrape of every instance summed gives the cluster's figures);
 * gauges are read at scrape time from PostgreSQL and Redis by the roles the process runs,
 * so every instance of a role reports the same shared value.
 */
export type WeftMetrics = {
  registry: Registry;
  runsStarted: Counter<'trigger'>;
  runsFinished: Counter<'status'>;
  /** Seconds a worker spent on a node attempt, by node type and outcome. */
  nodeDuration: Histogram<'type' | 'outcome'>;
  /** Seconds between when a schedule, moment or durable timer was due and when it fired. */
  fireJitter: Histogram<'kind'>;
  /** Adds what a worker reports of its queues at each scrape; returns its removal. */
  watchQueues(source: GaugeSource<QueueGauge>): () => void;
  /** Adds what a relay or projector reports of its tailers' lag at each scrape; returns its removal. */
  watchLag(source: GaugeSource<LagGauge>): () => void;
  /** Text exposition for GET /metrics. */
  exposition(): Promise<{ contentType: string; body: string }>;
};

export type MetricsOptions = {
  defaultMetrics?: boolean;
  /** How long a scrape waits for PostgreSQL or Redis before it reports without their figures. Default 2000 ms. */
  collectTimeoutMs?: number;
};

export function createMetrics(options: MetricsOptions = {}): WeftMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'weft_' });
  const registers = [registry];
  const runsStarted = new Counter({ name: 'weft_runs_started_total', help: 'Runs started by this process, by what started them.', labelNames: ['trigger'] as const, registers });
  const runsFinished = new Counter({ name: 'weft_runs_finished_total', help: 'Runs this process saw finish, by outcome (succeeded, failed, cancelled).', labelNames: ['status'] as const, registers });
  const nodeDuration = new Histogram({
    name: 'weft_node_duration_seconds',
    help: 'Time a worker spent on a node attempt (execution and the report of its result), by node type and outcome (completed, failed, waiting, dropped, abandoned, error).',
    labelNames: ['type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const fireJitter = new Histogram({
    name: 'weft_scheduler_fire_jitter_seconds',
    help: 'How late a schedule occurrence, a moment or a durable timer fired: fire time minus due time, by kind (schedule, once, timer).',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  });
  // Registered with the first role that reports them: a process without the role shows none.
  let queues: ScrapedGauges<QueueGauge> | undefined;
  let lags: ScrapedGauges<LagGauge> | undefined;
  const failures = new Counter({
    name: 'weft_metrics_collect_failures_total',
    help: 'Scrapes that reported a collector without its figures: PostgreSQL or Redis failed or did not answer in time.',
    labelNames: ['collector'] as const,
    registers,
    // Counted by this scrape's collectors: read once they are done.
    collect: async () => void (await Promise.all([queues?.collected(), lags?.collected()])),
  });
  const timeoutMs = options.collectTimeoutMs ?? 2000;
  return {
    registry,
    runsStarted,
    runsFinished,
    nodeDuration,
    fireJitter,
    watchQueues(source) {
      queues ??= new ScrapedGauges({
        registry,
        collector: 'queues',
        timeoutMs,
        failures,
        gauges: {
          depth: { name: 'weft_queue_depth', help: 'Tasks in a queue not yet done: waiting for a worker plus held by one (pending).', labelNames: ['queue'] },
          oldestAge: { name: 'weft_queue_oldest_age_seconds', help: 'Age of the oldest task in a queue not yet done (waiting or pending), from its entry id; 0 when empty.', labelNames: ['queue'] },
        },
      });
      return queues.add(source);
    },
    watchLag(source) {
      lags ??= new ScrapedGauges({
        registry,
        collector: 'lag',
        timeoutMs,
        failures,
        gauges: {
          relay: { name: 'weft_relay_lag_events', help: "Events the relay has yet to publish: the log's head global position minus the checkpoint of its tailer (`relay`).", labelNames: ['tailer'] },
          projector: { name: 'weft_projector_lag_events', help: "Events a projector's tailer has yet to handle: the log's head global position minus its checkpoint.", labelNames: ['tailer'] },
        },
      });
      return lags.add(source);
    },
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
