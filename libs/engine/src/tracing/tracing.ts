import { createHash } from 'node:crypto';

/** What a node attempt's span records; `end` closes it once. */
export type NodeAttemptSpan = {
  /** The node failed (its error is reported with the attempt). */
  nodeFailed(error: { code: string; message: string }): void;
  /** `outcome` as in `weft_node_duration_seconds`; `error` when processing threw (not a node failure). */
  end(outcome: string, error?: unknown): void;
};

export type NodeAttempt = { workspaceId: string; runId: string; nodeId: string; nodeType: string; attempt: number; workerId: string };

export type FinishedRun = { workspaceId: string; runId: string; workflowId: string; workflowVersion: number; startedAt: string; finishedAt: string; status: string; trigger?: string; error?: { code: string; message: string } };

/**
 * A run is a trace and each node attempt a span in it. The trace id is derived from the run
 * id (`runTraceId`), so every process and every attempt joins the same trace without passing
 * context around; attempts are children of the run's span (`runSpanId`), recorded by the
 * process that appends the run's end.
 */
export type Tracing = {
  readonly enabled: boolean;
  nodeAttempt(attempt: NodeAttempt): NodeAttemptSpan;
  runFinished(run: FinishedRun): void;
  /** Exports what is buffered; bounded in time. */
  shutdown(): Promise<void>;
};

const NOOP_SPAN: NodeAttemptSpan = { nodeFailed: () => undefined, end: () => undefined };

/** Without an exporter: records nothing and costs a function call. */
export const NOOP_TRACING: Tracing = {
  enabled: false,
  nodeAttempt: () => NOOP_SPAN,
  runFinished: () => undefined,
  shutdown: () => Promise.resolve(),
};

const hexOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** A run's trace id: its UUID's 32 hex digits (so a run id finds its trace), or a hash of any other id. */
export function runTraceId(runId: string): string {
  const hex = runId.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) && !/^0+$/.test(hex) ? hex : hexOf(`trace:${runId}`).slice(0, 32);
}

/** The span id of a run's own span, the parent of its node attempts' spans. */
export const runSpanId = (runId: string): string => hexOf(`run-span:${runId}`).slice(0, 16);
