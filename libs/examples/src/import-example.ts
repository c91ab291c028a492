import type { ExampleInstance } from './instantiate-example.js';

/** Sends one GraphQL operation as some caller and returns its data; throws on GraphQL errors. */
export type GraphqlCall = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

export type IssuedWebhook = { triggerId: string; url: string | null; signingSecret: string | null };
export type ImportedExample = { workflowId: string; version: number; webhooks: IssuedWebhook[] };

const CREATE = /* GraphQL */ `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }`;
const PUBLISH = /* GraphQL */ `mutation ($id: ID!) { publishWorkflow(id: $id) { version } }`;
const TRIGGERS = /* GraphQL */ `mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { newWebhookSecrets { triggerId url signingSecret } } }`;

/**
 * Creates the workflow through the public API, publishes it, then sets its triggers
 * (so a schedule only ever fires the published version). Webhook URLs and signing
 * secrets come back once, here.
 */
export async function importExample(call: GraphqlCall, example: ExampleInstance): Promise<ImportedExample> {
  const created = await call<{ createWorkflow: { id: string } }>(CREATE, { input: { name: example.name, description: example.description, graph: example.graph } });
  const workflowId = created.createWorkflow.id;
  const published = await call<{ publishWorkflow: { version: number } }>(PUBLISH, { id: workflowId });
  let webhooks: IssuedWebhook[] = [];
  if (example.triggers.length) {
    const set = await call<{ setWorkflowTriggers: { newWebhookSecrets: IssuedWebhook[] | null } }>(TRIGGERS, { w: workflowId, t: example.triggers });
    webhooks = set.setWorkflowTriggers.newWebhookSecrets ?? [];
  }
  return { workflowId, version: published.publishWorkflow.version, webhooks };
}
