type GqlReply<T> = { data?: T; errors?: { message: string }[] };

/** The credentials every request of the benchmark carries (see identity.ts). */
export const auth: { headers: Record<string, string> } = { headers: {} };

export function setAuthorization(authorization: string | undefined, cookie?: string): void {
  auth.headers = authorization ? { authorization } : cookie ? { cookie } : {};
}

/** One GraphQL request over HTTP; throws on errors and returns `data`. */
export async function gql<T>(apiUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth.headers }, body: JSON.stringify({ query, variables }) });
  const reply = (await response.json()) as GqlReply<T>;
  if (reply.errors?.length || !reply.data) throw new Error(`GraphQL: ${JSON.stringify(reply.errors ?? reply)}`);
  return reply.data;
}

/** Creates and publishes a workflow; returns its id. */
export async function publishWorkflow(apiUrl: string, name: string, graph: unknown): Promise<string> {
  const created = await gql<{ createWorkflow: { id: string } }>(apiUrl, 'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name, graph } });
  await gql(apiUrl, 'mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
  return created.createWorkflow.id;
}
