import type { NodeLogEntry } from '@weft/domain';
import type { LivePublisher, TaskMessage } from '@weft/bus';
import type { NodeLogCollector } from '@weft/nodes';
import type { Logger } from '../logger.js';

type NodesModule = typeof import('@weft/nodes');

/**
 * A log entry published live on its run's channel while the node runs. Lossy (Pub/Sub):
 * the durable copy is node.logged, appended with the attempt's result.
 */
export type NodeLogMessage = { kind: 'node.log'; workspaceId: string; runId: string; nodeId: string; attempt: number; entry: NodeLogEntry };

export const isNodeLogMessage = (message: unknown): message is NodeLogMessage =>
  typeof message === 'object' && message !== null && !Array.isArray(message) && (message as { kind?: unknown }).kind === 'node.log';

export type AttemptLogOptions = {
  nodes: Pick<NodesModule, 'createNodeLogCollector'>;
  /** The worker's own log, bound to the attempt: every kept entry goes there too. */
  logger: Logger;
  live?: Pick<LivePublisher, 'publish'>;
  redact?: (entry: NodeLogEntry) => NodeLogEntry;
};

/** The `ctx.log` of one attempt: bounded, redacted, written to the worker's log and published live as it is written. */
export function createAttemptLog(task: TaskMessage, options: AttemptLogOptions): NodeLogCollector {
  const { logger, live } = options;
  return options.nodes.createNodeLogCollector({
    ...(options.redact ? { redact: options.redact } : {}),
    onEntry: (entry) => {
      logger[entry.level](entry.message, entry.data);
      if (!live) return;
      const message: NodeLogMessage = { kind: 'node.log', workspaceId: task.workspaceId, runId: task.runId, nodeId: task.nodeId, attempt: task.attempt, entry };
      live.publish(task.runId, message).catch((error: Error) => logger.warn('live log publish failed; the log is kept with the result', { error: error.message }));
    },
  });
}

/** The report field carrying an attempt's log (none when it logged nothing). */
export const logsOf = (log: NodeLogCollector): { logs?: NodeLogEntry[] } => {
  const entries = log.entries();
  return entries.length ? { logs: entries } : {};
};
