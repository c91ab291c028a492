import type { NodeLogEntry } from '@weft/domain';
import type { FeedEvent } from '@weft/engine';
import type { RunEvent, RunStatus } from '../run.types.js';

type Data = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A stored run event as the subscription pushes it; the pinned graph is left out of workflow.started. */
export function toRunEvent(runId: string, event: Pick<FeedEvent, 'type' | 'version' | 'recordedAt' | 'data'>): RunEvent {
  const data = (event.data ?? {}) as Data;
  const { graph: _graph, ...rest } = data;
  return {
    runId,
    type: event.type,
    version: event.version,
    at: new Date(event.recordedAt),
    nodeId: str(data.nodeId),
    attempt: typeof data.attempt === 'number' ? data.attempt : null,
    status: event.type === 'workflow.finished' ? (data.status as RunStatus) : null,
    branch: str(data.branch),
    output: data.output ?? null,
    error: data.error ?? null,
    data: event.type === 'workflow.started' ? rest : data,
  };
}

/** A log entry as the subscription pushes it: `version` is that of the last lifecycle event before it (entries do not advance it). */
export function toNodeLogEvent(runId: string, version: number, nodeId: string, attempt: number, entry: NodeLogEntry): RunEvent {
  return { runId, type: 'node.log', version, at: new Date(entry.at), nodeId, attempt, status: null, branch: null, output: null, error: null, data: { ...entry } };
}
