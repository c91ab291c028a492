import { ConflictError, NotFoundError, planRerun, runStreamId, workflowStreamId, type CommandMetadata, type Json } from '@weft/domain';
import type { Aggregates } from './aggregates.js';

export type RerunRunRequest = { runId: string; fromRunId: string; fromNodeId: string; input?: Json };

/**
 * Starts `runId` as a re-run of the finished run `fromRunId` from `fromNodeId`:
 * the same pinned version and trigger input, the results upstream of the node
 * kept, the node's input replaced when `input` is given. The new run links to the old one.
 */
export async function rerunRun(aggregates: Aggregates, request: RerunRunRequest, metadata: CommandMetadata) {
  const { state: old } = await aggregates.runs.loadInWorkspace(runStreamId(request.fromRunId), metadata.workspaceId);
  if (old.status === 'none') throw new NotFoundError('run', request.fromRunId);
  const plan = planRerun(old, request.fromNodeId, request.input);
  const { state: workflow } = await aggregates.workflows.loadInWorkspace(workflowStreamId(old.workflowId), metadata.workspaceId);
  if (workflow.exists && workflow.archived) throw new ConflictError(`workflow "${old.workflowId}" is archived: it takes no new runs`);
  return aggregates.runs.handle({
    type: 'StartRun',
    data: { runId: request.runId, workflowId: old.workflowId, workflowVersion: old.workflowVersion, graph: old.graph, input: old.input, ...plan },
    metadata,
  });
}
