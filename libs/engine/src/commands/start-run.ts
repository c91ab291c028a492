import { ConflictError, InvalidInputError, NotFoundError, runStreamId, workflowStreamId, type CommandMetadata, type Json, type RunTrigger } from '@weft/domain';
import type { Aggregates } from './aggregates.js';

export type StartRunRequest = { runId: string; workflowId: string; version?: number; input: Json; trigger?: RunTrigger };

/**
 * Starts a run of a published version (the latest unless `version` is given),
 * pinning the run to that version's immutable graph.
 */
export async function startRun(aggregates: Aggregates, request: StartRunRequest, metadata: CommandMetadata) {
  const { state: workflow } = await aggregates.workflows.loadInWorkspace(workflowStreamId(request.workflowId), metadata.workspaceId);
  if (!workflow.exists) throw new NotFoundError('workflow', request.workflowId);
  if (workflow.archived) throw new ConflictError(`workflow "${request.workflowId}" is archived: it takes no new runs`);
  if (!workflow.versions.length) throw new InvalidInputError('workflowId', `workflow "${request.workflowId}" has no published version: publish it first`);
  const version = request.version ?? workflow.versions.length;
  const graph = workflow.versions[version - 1]?.graph;
  if (!graph) throw new NotFoundError('version', `${request.workflowId}@${version}`);
  return aggregates.runs.handle({
    type: 'StartRun',
    data: { runId: request.runId, workflowId: request.workflowId, workflowVersion: version, graph, input: request.input, ...(request.trigger ? { trigger: request.trigger } : {}) },
    metadata,
  });
}

/**
 * Starts the run, or finds it when a run with that (derived) id exists already in the
 * workspace: the same cause — a schedule's occurrence, a retried request's idempotency
 * key — never starts two runs. `started` says which.
 */
export async function startRunOnce(aggregates: Aggregates, request: StartRunRequest, metadata: CommandMetadata) {
  try {
    return { ...(await startRun(aggregates, request, metadata)), started: true };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await aggregates.runs.loadInWorkspace(runStreamId(request.runId), metadata.workspaceId);
    if (existing.state.status === 'none') throw error;
    return { ...existing, started: false };
  }
}
