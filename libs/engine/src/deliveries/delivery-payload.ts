import type { StoredEvent } from '@weft/event-store';

/** The run a delivered event belongs to, from its workflow.started. */
export type RunOrigin = { workflowId: string; workflowVersion: number };

/**
 * The JSON body posted for one run event: its public name, the run, its workflow and
 * version, its place in the run (`version`, 1, 2, …: a receiver orders by it), when it was
 * recorded, and its data. workflow.started leaves out the pinned graph (read the version
 * with the API); outputs stored out of line stay references (`{ "$weftRef", "bytes" }`).
 */
export type DeliveryPayload = { type: string; runId: string; workflowId: string; workflowVersion: number; version: number; at: string; data: unknown };

export function toDeliveryPayload(event: StoredEvent, runId: string, origin: RunOrigin): DeliveryPayload {
  const data = event.type === 'workflow.started' && isObject(event.data) ? withoutGraph(event.data) : event.data;
  return { type: event.type, runId, workflowId: origin.workflowId, workflowVersion: origin.workflowVersion, version: event.version, at: event.recordedAt.toISOString(), data };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function withoutGraph(data: Record<string, unknown>): Record<string, unknown> {
  const { graph: _graph, ...rest } = data;
  return rest;
}
