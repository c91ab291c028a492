import type { CommandMetadata, WorkflowCommand, WorkflowState } from '@weft/domain';
import type { Platform } from '@weft/engine';
import type { RequestContext } from '../context/request-context.js';

type Existing = Extract<WorkflowState, { exists: true }>;

/** Runs a workflow command for the caller and returns the workflow's state after it. */
export async function runWorkflowCommand(platform: Platform, command: Omit<WorkflowCommand, 'metadata'>, caller: RequestContext): Promise<Existing> {
  const metadata: CommandMetadata = { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId };
  const result = await platform.aggregates.workflows.handle({ ...command, metadata } as WorkflowCommand);
  return result.state as Existing;
}
