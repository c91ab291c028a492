import type { ActiveRunState } from '@weft/domain';
import type { Run, RunStatus } from './run.types.js';

/** A mutation's result, straight from the write model. */
export const runFromState = (state: ActiveRunState): Run => ({
  id: state.runId,
  workflowId: state.workflowId,
  workflowVersion: state.workflowVersion,
  status: (state.queued && state.status === 'running' ? 'queued' : state.status) as RunStatus,
  input: state.input,
  output: state.output ?? null,
  error: state.error ?? null,
  startedAt: new Date(state.startedAt),
  finishedAt: state.finishedAt ? new Date(state.finishedAt) : null,
  rerunOf: state.rerunOf?.runId ?? null,
  rerunFromNode: state.rerunOf?.fromNodeId ?? null,
  trigger: state.trigger ?? null,
});
