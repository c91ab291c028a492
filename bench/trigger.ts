import { auth } from './graphql.js';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the synchronous trigger answered: 200 with the run's end, 201/202 with `status: "running"`. */
export type RunReply = { httpStatus: number; runId?: string; status?: string; error?: unknown };

/**
 * Starts runs over HTTP. `http` is the synchronous trigger
 * (`POST /api/workflows/<id>/runs?wait=<ms>`); `graphql-poll` is the stand-in used
 * while that endpoint does not exist: `startRun`, then `run(id) { status }` every 10 ms.
 */
export type Trigger = {
  mode: 'http' | 'graphql-poll';
  /** Starts a run and waits up to `waitMs` for its end. */
  run(workflowId: string, input: unknown, waitMs: number): Promise<RunReply>;
  /** Starts a run without waiting; returns its id. */
  start(workflowId: string, input: unknown): Promise<string>;
  close(): void;
};

type Answer = { status: number; body: string };

function post(agent: http.Agent, url: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...auth.headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

const parse = (answer: Answer): RunReply => {
  try {
    return { httpStatus: answer.status, ...(JSON.parse(answer.body) as Omit<RunReply, 'httpStatus'>) };
  } catch {
    return { httpStatus: answer.status, error: answer.body.slice(0, 200) };
  }
};

function httpTrigger(apiUrl: string, agent: http.Agent): Trigger {
  const url = (workflowId: string, waitMs?: number) => `${apiUrl}/api/workflows/${workflowId}/runs${waitMs === undefined ? '' : `?wait=${waitMs}`}`;
  return {
    mode: 'http',
    run: async (workflowId, input, waitMs) => parse(await post(agent, url(workflowId, waitMs), JSON.stringify(input))),
    start: async (workflowId, input) => {
      const reply = parse(await post(agent, url(workflowId), JSON.stringify(input)));
      if (reply.httpStatus !== 201 || !reply.runId) throw new Error(`start: HTTP ${reply.httpStatus} ${JSON.stringify(reply.error ?? reply)}`);
      return reply.runId;
    },
    close: () => agent.destroy(),
  };
}

function graphqlTrigger(apiUrl: string, agent: http.Agent): Trigger {
  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const answer = await post(agent, `${apiUrl}/graphql`, JSON.stringify({ query, variables }));
    const reply = JSON.parse(answer.body) as { data?: T; errors?: unknown };
    if (!reply.data || reply.errors) throw new Error(`GraphQL: ${JSON.stringify(reply.errors)}`);
    return reply.data;
  };
  const start = async (workflowId: string, input: unknown) =>
    (await gql<{ startRun: { id: string } }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId, input } })).startRun.id;
  return {
    mode: 'graphql-poll',
    start,
    run: async (workflowId, input, waitMs) => {
      const runId = await start(workflowId, input);
      const deadline = performance.now() + waitMs;
      while (performance.now() < deadline) {
        const { run } = await gql<{ run: { status: string; error: unknown } | null }>('query ($id: ID!) { run(id: $id) { status error } }', { id: runId });
        if (run && run.status !== 'running') return { httpStatus: 200, runId, status: run.status, error: run.error };
        await sleep(10);
      }
      return { httpStatus: 202, runId, status: 'running' };
    },
    close: () => agent.destroy(),
  };
}

/** The synchronous trigger if the API has it (probed by starting one run of `workflowId`), else the GraphQL stand-in. */
export async function connectTrigger(apiUrl: string, workflowId: string, input: unknown): Promise<Trigger> {
  const agent = new http.Agent({ keepAlive: true });
  const probe = parse(await post(agent, `${apiUrl}/api/workflows/${workflowId}/runs`, JSON.stringify(input)));
  return probe.httpStatus === 201 && probe.runId ? httpTrigger(apiUrl, agent) : graphqlTrigger(apiUrl, agent);
}
