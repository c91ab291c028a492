import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A process's Prometheus metrics, in a registry of its own (never prom-client's global
 * one: tests run several platforms in one process). Counters count what this process
 * did; a scrape of every instance summed gives the cluster's figures.
 */
export type WeftMetrics = {
  registry: Registry;
  runsStarted: Counter<'trigger'>;
  runsFinished: Counter<'status'>;
  /** Text exposition for GET /metrics. */
  exposition(): Promise<{ contentType: string; body: string }>;
};

export function createMetrics(options: { defaultMetrics?: boolean } = {}): WeftMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'weft_' });
  const runsStarted = new Counter({ name: 'weft_runs_started_total', help: 'Runs started by this process, by what started them.', labelNames: ['trigger'] as const, registers: [registry] });
  const runsFinished = new Counter({ name: 'weft_runs_finished_total', help: 'Runs this process saw finish, by outcome (succeeded, failed, cancelled).', labelNames: ['status'] as const, registers: [registry] });
  return {
    registry,
    runsStarted,
    runsFinished,
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
