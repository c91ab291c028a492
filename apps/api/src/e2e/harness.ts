import path from 'node:path';
import { importExample, instantiateExample, loadExample, type ImportedExample } from '@weft/examples';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createPlatform, createLogger, loadConfig, startRoles, stopRoles, type Logger, type Platform, type Role, type RoleHandle, type WeftConfig } from '@weft/engine';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApi } from '../create-api.js';
import { createWorkspace, signUp, TEST_ORIGIN, type Session } from './identity.js';

export type GqlResult<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** How a client authenticates: a session cookie or an API key. */
export type Credentials = { cookie: string } | { apiKey: string };

/** A GraphQL client acting with some credentials. */
export type Client = {
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Like gql, but throws on errors and returns data. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  ws(): WsClient;
  headers: Record<string, string>;
};

/**
 * A running API (+ background roles) on a test database and Redis prefix. Its
 * own client acts as the owner of a fresh workspace through an admin API key;
 * `as(credentials)` gives a client for anyone else.
 */
export type Stack = Client & {
  config: WeftConfig;
  platform: Platform;
  url: string;
  base: string;
  owner: Session;
  workspaceId: string;
  as(credentials: Credentials): Client;
  startRoles(roles: Role[]): void;
  stopRoles(): Promise<void>;
  close(): Promise<void>;
};

/** `logger`: where every role logs (e.g. one that captures lines for a test); default: silent unless `silent: false`. */
export type StackOptions = { env: Record<string, string>; roles?: Role[]; silent?: boolean; logger?: Logger };

export function testConfig(env: Record<string, string>): WeftConfig {
  return loadConfig({ WEFT_VISIBILITY_TIMEOUT_MS: '2000', WEFT_HTTP_ALLOW: '127.0.0.1', NODE_ENV: 'test', PORT: '4000', WEFT_PUBLIC_URL: TEST_ORIGIN, WEFT_SIGN_IN_RATE: '1000', ...env });
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const config = testConfig(options.env);
  const platform = await createPlatform(config, { readModels: true, logger: options.logger ?? createLogger({ service: 'test' }, { silent: options.silent ?? true }) });
  // A failed start must not leave the platform's connections open on a database the test is about to drop.
  const app: NestExpressApplication = await createApi(platform).catch(async (error: unknown) => {
    await platform.close();
    throw error;
  });
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  let handles: RoleHandle[] = startRoles(platform, options.roles ?? ['worker', 'relay', 'projector', 'scheduler']);
  const sockets: WsClient[] = [];
  const as = (credentials: Credentials): Client => {
    const headers: Record<string, string> = 'apiKey' in credentials ? { authorization: `Bearer ${credentials.apiKey}` } : { cookie: credentials.cookie, origin: TEST_ORIGIN };
    const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GqlResult<T>;
    };
    return {
      headers,
      gql,
      async ok<T>(query: string, variables?: Record<string, unknown>) {
        const result = await gql<T>(query, variables);
        if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
        return result.data;
      },
      ws() {
        const client = createClient({
          url: url.replace(/^http/, 'ws'),
          webSocketImpl: 'cookie' in credentials ? class extends WebSocket { constructor(address: string, protocols?: string | string[]) { super(address, protocols, { headers }); } } : WebSocket,
          connectionParams: 'apiKey' in credentials ? { authorization: `Bearer ${credentials.apiKey}` } : undefined,
          retryAttempts: 0,
          lazy: true,
        });
        sockets.push(client);
        return client;
      },
    };
  };
  const base = url.replace(/\/graphql$/, '');
  const owner = await signUp(base, `owner-${crypto.randomUUID()}@example.com`);
  const workspaceId = await createWorkspace(base, owner, 'Test workspace');
  const key = await as(owner).ok<{ createApiKey: { secret: string } }>('mutation { createApiKey(input: { name: "tests", role: admin }) { secret } }');
  const self = as({ apiKey: key.createApiKey.secret });
  return {
    ...self,
    config,
    platform,
    url,
    base,
    owner,
    workspaceId,
    as,
    startRoles(roles) {
      handles = [...handles, ...startRoles(platform, roles)];
    },
    async stopRoles() {
      await stopRoles(handles);
      handles = [];
    },
    async close() {
      for (const client of sockets) await client.dispose();
      await stopRoles(handles);
      await app.close();
      await platform.close();
    },
  };
}

export type PushedEvent = { type: string; version: number; nodeId: string | null; attempt: number | null; status: string | null; output: unknown; branch: string | null };

export const RUN_EVENTS = /* GraphQL */ `
  subscription ($runId: ID!) {
    runEvents(runId: $runId) { type version nodeId attempt status output branch }
  }
`;

/** Collects a run's pushed events until the subscription completes (after workflow.finished). */
export function collectRunEvents(client: WsClient, runId: string, timeoutMs = 20_000): Promise<PushedEvent[]> {
  return new Promise((resolve, reject) => {
    const events: PushedEvent[] = [];
    const timer = setTimeout(() => reject(new Error(`run ${runId}: no workflow.finished within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`)), timeoutMs);
    client.subscribe<{ runEvents: PushedEvent }>(
      { query: RUN_EVENTS, variables: { runId } },
      {
        next: (message) => {
          if (message.errors) reject(new Error(JSON.stringify(message.errors)));
          else if (message.data) events.push(message.data.runEvents);
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          clearTimeout(timer);
          resolve(events);
        },
      },
    );
  });
}

/** Creates and publishes a workflow; returns its id. */
export async function publishWorkflow(stack: Client, name: string, graph: unknown): Promise<string> {
  const created = await stack.ok<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name, graph } });
  await stack.ok('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
  return created.createWorkflow.id;
}

export async function startRun(stack: Client, workflowId: string, input: unknown = {}): Promise<string> {
  const started = await stack.ok<{ startRun: { id: string } }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId, input } });
  return started.startRun.id;
}

/** Polls the read model until the run has finished. */
export async function waitForRun(stack: Stack, runId: string, timeoutMs = 30_000): Promise<{ status: string; output: unknown; error: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await stack.platform.prisma.run.findUnique({ where: { id: runId } });
    if (row && row.status !== 'running' && row.status !== 'queued') return { status: row.status, output: row.output, error: row.error };
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${row?.status ?? 'unprojected'} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Imports a shipped example (`examples/<slug>`) the way `npm run import-example` does, as the stack's owner. */
export async function importShippedExample(stack: Client, slug: string, values: Record<string, string>): Promise<ImportedExample> {
  const example = instantiateExample(await loadExample(path.resolve(import.meta.dirname, '../../../../examples', slug)), values);
  return importExample((query, variables) => stack.ok(query, variables), example);
}
