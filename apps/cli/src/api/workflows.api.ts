import type { GraphqlCall } from './graphql-client.js';

/** A workflow as export and import read it from the API. */
export type ApiWorkflow = { id: string; name: string; description: string; archived: boolean; draft: unknown; draftRevision: number; latestVersion: number | null; triggers: unknown };

const FIELDS = 'id name description archived draft draftRevision latestVersion triggers';

/** Null when the id names no workflow of the key's workspace. */
export async function fetchWorkflow(call: GraphqlCall, id: string): Promise<ApiWorkflow | null> {
  const data = await call<{ workflow: ApiWorkflow | null }>(`query ($id: ID!) { workflow(id: $id) { ${FIELDS} } }`, { id });
  return data.workflow;
}

/** Every workflow of the workspace that is not archived. */
export async function fetchAllWorkflows(call: GraphqlCall): Promise<ApiWorkflow[]> {
  const all: ApiWorkflow[] = [];
  let after: string | null = null;
  for (;;) {
    const { workflows }: { workflows: { nodes: ApiWorkflow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await call(
      `query ($after: String) { workflows(first: 100, after: $after) { nodes { ${FIELDS} } pageInfo { endCursor hasNextPage } } }`,
      { after },
    );
    all.push(...workflows.nodes);
    if (!workflows.pageInfo.hasNextPage || !workflows.pageInfo.endCursor) return all;
    after = workflows.pageInfo.endCursor;
  }
}

type Saved = { id: string; draftRevision: number };

export async function createWorkflow(call: GraphqlCall, input: { name: string; description: string; graph: unknown }): Promise<Saved> {
  const data = await call<{ createWorkflow: Saved }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id draftRevision } }', { input });
  return data.createWorkflow;
}

export async function updateWorkflowDraft(call: GraphqlCall, input: { id: string; name: string; description?: string; graph: unknown }): Promise<Saved> {
  const data = await call<{ updateWorkflowDraft: Saved }>('mutation ($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id draftRevision } }', { input });
  return data.updateWorkflowDraft;
}

export async function publishWorkflow(call: GraphqlCall, id: string): Promise<number> {
  const data = await call<{ publishWorkflow: { version: number } }>('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id });
  return data.publishWorkflow.version;
}

export type IssuedWebhook = { triggerId: string; url: string | null; signingSecret: string | null };

/** Replaces the workflow's triggers; webhook URLs and signing secrets made now come back this once. */
export async function setWorkflowTriggers(call: GraphqlCall, workflowId: string, triggers: unknown[]): Promise<IssuedWebhook[]> {
  const data = await call<{ setWorkflowTriggers: { newWebhookSecrets: IssuedWebhook[] | null } }>(
    'mutation ($id: ID!, $triggers: JSON!) { setWorkflowTriggers(workflowId: $id, triggers: $triggers) { newWebhookSecrets { triggerId url signingSecret } } }',
    { id: workflowId, triggers },
  );
  return data.setWorkflowTriggers.newWebhookSecrets ?? [];
}

/** The graph of a published version; null while the read model has not caught up (or no such version). */
export async function fetchVersionGraph(call: GraphqlCall, workflowId: string, version: number): Promise<{ nodes?: unknown[] } | null> {
  const data = await call<{ workflowVersion: { graph: { nodes?: unknown[] } } | null }>('query ($id: ID!, $version: Int!) { workflowVersion(workflowId: $id, version: $version) { graph } }', { id: workflowId, version });
  return data.workflowVersion?.graph ?? null;
}

export type StartedRun = { id: string; workflowId: string; workflowVersion: number; status: string };

export async function startRun(call: GraphqlCall, workflowId: string, input: unknown): Promise<StartedRun> {
  const data = await call<{ startRun: StartedRun }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id workflowId workflowVersion status } }', { input: { workflowId, input } });
  return data.startRun;
}
