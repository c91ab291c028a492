import type { RunEvent } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import type { Tx } from './read-model.projector.js';

const json = (value: unknown) => (value === undefined ? undefined : (value as object));
const ACTIVE = ['pending', 'scheduled', 'running', 'waiting'];

/** Applies one run-stream event to rm_runs / rm_node_runs, once. Returns false when it was applied before. */
export async function applyRunEvent(tx: Tx, runId: string, event: StoredEvent & RunEvent): Promise<boolean> {
  if (event.type === 'workflow.started') {
    const { workflowId, workflowVersion, input, startedAt, graph } = event.data;
    const created = await tx.run.createMany({
      data: [{ id: runId, workspaceId: event.workspaceId, workflowId, workflowVersion, status: 'running', input: json(input) ?? {}, startedAt: new Date(startedAt), projectedVersion: event.version }],
      skipDuplicates: true,
    });
    if (created.count === 0) return false;
    await tx.nodeRun.createMany({
      data: graph.nodes.map((node, seq) => ({ runId, nodeId: node.id, workspaceId: event.workspaceId, nodeType: node.type, status: 'pending', attempt: 0, seq })),
      skipDuplicates: true,
    });
    return true;
  }
  const claimed = await tx.run.updateMany({ where: { id: runId, projectedVersion: { lt: event.version } }, data: { projectedVersion: event.version } });
  if (claimed.count === 0) return false;
  const key = { runId_nodeId: { runId, nodeId: 'nodeId' in event.data ? event.data.nodeId : '' } };
  switch (event.type) {
    case 'node.scheduled': {
      const { attempt, scheduledAt } = event.data;
      await tx.nodeRun.update({ where: key, data: { status: 'scheduled', attempt, scheduledAt: new Date(scheduledAt), startedAt: null, finishedAt: null } });
      return true;
    }
    case 'node.started':
      await tx.nodeRun.update({ where: key, data: { status: 'running', attempt: event.data.attempt, input: json(event.data.input), startedAt: new Date(event.data.startedAt) } });
      return true;
    case 'node.completed':
      await tx.nodeRun.update({ where: key, data: { status: 'completed', output: json(event.data.output), branch: event.data.branch ?? null, finishedAt: new Date(event.data.completedAt) } });
      return true;
    case 'node.failed':
      await tx.nodeRun.update({ where: key, data: { status: 'failed', error: json(event.data.error), finishedAt: new Date(event.data.failedAt) } });
      return true;
    case 'node.skipped':
      await tx.nodeRun.update({ where: key, data: { status: 'skipped', finishedAt: new Date(event.data.skippedAt) } });
      return true;
    case 'run.waiting':
      await tx.nodeRun.update({ where: key, data: { status: 'waiting' } });
      return true;
    case 'run.resumed':
      await tx.nodeRun.update({ where: key, data: { status: 'running' } });
      return true;
    case 'workflow.finished': {
      const { status, output, error, finishedAt } = event.data;
      await tx.run.update({ where: { id: runId }, data: { status, output: json(output), error: json(error), finishedAt: new Date(finishedAt) } });
      await tx.nodeRun.updateMany({ where: { runId, status: { in: ACTIVE } }, data: { status: 'cancelled', finishedAt: new Date(finishedAt) } });
      return true;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
