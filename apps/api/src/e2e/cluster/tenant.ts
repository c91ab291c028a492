import { createWorkspace, signUp, TEST_ORIGIN } from '../identity.js';

/** A GraphQL client of one workspace through its API key, spreading calls over every API process. */
export type Tenant = {
  apiKey: string;
  /** Sends an operation to the next API (round robin); throws on GraphQL errors. */
  call<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** POSTs JSON to a REST path (e.g. `/api/workflows/:id/runs`) of the next API (round robin); throws unless it answers 2xx. */
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
};

/** Signs up an owner on the first API, creates a workspace and an admin API key. */
export async function createTenant(apiUrls: readonly string[]): Promise<Tenant> {
  const base = apiUrls[0]!;
  const owner = await signUp(base, `load-${crypto.randomUUID()}@example.com`);
  await createWorkspace(base, owner, 'Load');
  const created = await graphql<{ createApiKey: { secret: string } }>(base, { cookie: owner.cookie, origin: TEST_ORIGIN }, 'mutation { createApiKey(input: { name: "load", role: admin }) { secret } }');
  const apiKey = created.createApiKey.secret;
  let next = 0;
  return {
    apiKey,
    call: (query, variables) => graphql(apiUrls[next++ % apiUrls.length]!, { authorization: `Bearer ${apiKey}` }, query, variables),
    post: (path, body, headers) => post(apiUrls[next++ % apiUrls.length]!, path, { authorization: `Bearer ${apiKey}`, ...headers }, body),
  };
}

async function graphql<T>(base: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`${base}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

async function post<T>(base: string, path: string, headers: Record<string, string>, body: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${base}${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
