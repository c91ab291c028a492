import type { NodeServices, NodeRunIdentity } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';

/** The published version the node's child runs will be pinned to; a CONFIG failure (not retried) when there is none. */
export async function childVersion(services: NodeServices, run: NodeRunIdentity, workflowId: string, version: number | undefined): Promise<number> {
  const chosen = await services.publishedVersion(run.workspaceId, workflowId, version);
  if (chosen === undefined) {
    const which = version === undefined ? 'published version' : `version ${version}`;
    throw new NodeExecutionError('CONFIG', `workflow "${workflowId}" has no ${which} in this workspace (or is archived)`, false, { field: version === undefined ? 'workflowId' : 'version' });
  }
  return chosen;
}
