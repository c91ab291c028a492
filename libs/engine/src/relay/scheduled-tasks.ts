import type { TaskMessage } from '@weft/bus';
import type { NodeScheduled } from '@weft/domain';

type Event = { type: string; data: unknown };

/** The task messages owed for the node.scheduled events among `events` of one run. */
export function scheduledTasks(runId: string, workspaceId: string, events: readonly Event[]): { queue: string; task: TaskMessage }[] {
  return events
    .filter((event): event is NodeScheduled => event.type === 'node.scheduled')
    .map(({ data }) => ({ queue: data.queue, task: { runId, nodeId: data.nodeId, attempt: data.attempt, workspaceId, scheduledAt: data.scheduledAt } }));
}
