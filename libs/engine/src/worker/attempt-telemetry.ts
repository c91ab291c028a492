import type { TaskMessage } from '@weft/bus';
import type { NodeError } from '@weft/domain';
import type { WeftMetrics } from '../metrics/weft-metrics.js';
import type { Tracing } from '../tracing/tracing.js';

/**
 * How a node attempt ended for `weft_node_duration_seconds` and its span: as reported
 * (`completed`, `failed`, `waiting`), `dropped` (no longer current), `abandoned` (its worker
 * gave it up: stopping, lease lost, run ended) or `error` (processing threw: the task is retried).
 */
export type AttemptOutcome = 'completed' | 'failed' | 'waiting' | 'dropped' | 'abandoned' | 'error';

/** One attempt being observed; `end` once. */
export type AttemptObservation = {
  nodeFailed(error: NodeError): void;
  end(outcome: AttemptOutcome, error?: unknown): void;
};

export type AttemptTelemetry = { begin(task: TaskMessage, nodeType: string): AttemptObservation };

/** Times each attempt into the node duration histogram and traces it as a span of its run. */
export function attemptTelemetry(options: { metrics: Pick<WeftMetrics, 'nodeDuration'>; tracing: Tracing; workerId: string }): AttemptTelemetry {
  const { metrics, tracing, workerId } = options;
  return {
    begin(task, nodeType) {
      const started = performance.now();
      const span = tracing.nodeAttempt({ workspaceId: task.workspaceId, runId: task.runId, nodeId: task.nodeId, nodeType, attempt: task.attempt, workerId });
      return {
        nodeFailed: (error) => span.nodeFailed(error),
        end(outcome, error) {
          metrics.nodeDuration.observe({ type: nodeType, outcome }, (performance.now() - started) / 1000);
          span.end(outcome, error);
        },
      };
    },
  };
}
