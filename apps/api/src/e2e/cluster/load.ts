import { edge, node } from '../graphs.js';
import type { Tenant } from './tenant.js';

/**
 * The workflow the load runs: a branch, an effect on the sink (an HTTP POST with the
 * node attempt's idempotency key), a short durable delay and a join — every kind of step
 * a fault can land in.
 */
export function loadGraph(sinkUrl: string, delaySeconds: number) {
  return {
    nodes: [
      node('check', 'if', { condition: '{{ n % 2 = 0 }}' }),
      node('even', 'set', { values: { parity: 'even' } }),
      node('odd', 'set', { values: { parity: 'odd' } }),
      node('join', 'merge'),
      node('effect', 'http', { method: 'POST', url: sinkUrl, body: { run: '{{ $run.runId }}', n: '{{ $trigger.n }}' } }, { retry: { maxAttempts: 5, backoff: 'fixed', initialIntervalMs: 200, maxIntervalMs: 200, jitter: 0 } }),
      node('pause', 'delay', { seconds: delaySeconds }),
      node('done', 'set', { values: { done: true } }),
    ],
    edges: [edge('check', 'even', 'true'), edge('check', 'odd', 'false'), edge('even', 'join'), edge('odd', 'join'), edge('join', 'effect'), edge('effect', 'pause'), edge('pause', 'done')],
  };
}

/** `delaySeconds` keeps every run in flight that long: the longer, the more runs a fault lands among. */
export async function publishLoadWorkflow(tenant: Tenant, sinkUrl: string, delaySeconds = 0.2): Promise<string> {
  const created = await tenant.call<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', { input: { name: 'load', graph: loadGraph(sinkUrl, delaySeconds) } });
  await tenant.call('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
  return created.createWorkflow.id;
}

/** What starting the load's runs answered. */
export type StartedRuns = {
  /** One run id per start (per idempotency key): the first copy's answer. */
  runIds: string[];
  /** Copies of a start sent besides the first (the same command, the same idempotency key). */
  extraCopies: number;
  /** Keys whose copies were answered with different run ids: must be 0. */
  conflictingAnswers: number;
  /** Requests refused (a process down, or a copy refused) and sent again with the same key, as a client would. */
  retried: number;
};

/**
 * Starts `count` runs through the public API, `concurrency` at a time (with `everyMs`, one
 * every `everyMs` at most), spread over the API processes. A start refused while a process restarts is retried with the same
 * idempotency key, as a client would: what counts is the run ids the API answered.
 * With `copies` > 1 every start is sent that many times at once with one idempotency key,
 * spread over both APIs and over both ways in (GraphQL `startRun` and
 * `POST /api/workflows/:id/runs` with an `Idempotency-Key` header): every copy must be
 * answered with the same run.
 */
export async function startRuns(tenant: Tenant, workflowId: string, count: number, options: { concurrency?: number; copies?: number; everyMs?: number } = {}): Promise<StartedRuns> {
  const { concurrency = 20, copies = 1, everyMs = 0 } = options;
  const started: StartedRuns = { runIds: [], extraCopies: 0, conflictingAnswers: 0, retried: 0 };
  const t0 = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      // Paced: start n goes out `n × everyMs` after the first.
      if (everyMs) await new Promise((resolve) => setTimeout(resolve, t0 + n * everyMs - Date.now()));
      const idempotencyKey = `load-${workflowId}-${n}`;
      // Within one key the copies go GraphQL, GraphQL, HTTP, HTTP, …: with the round robin, each way in reaches both APIs.
      const answers = await Promise.all(Array.from({ length: copies }, (_, copy) => startWithRetries(tenant, workflowId, n, idempotencyKey, copies > 1 && Math.floor(copy / 2) % 2 === 1 ? 'http' : 'graphql')));
      started.runIds.push(answers[0]!.runId);
      started.extraCopies += copies - 1;
      if (new Set(answers.map((a) => a.runId)).size > 1) started.conflictingAnswers += 1;
      started.retried += answers.reduce((sum, a) => sum + a.retries, 0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return started;
}

async function startWithRetries(tenant: Tenant, workflowId: string, n: number, idempotencyKey: string, via: 'graphql' | 'http'): Promise<{ runId: string; retries: number }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const runId =
        via === 'graphql'
          ? (await tenant.call<{ startRun: { id: string } }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId, input: { n }, idempotencyKey } })).startRun.id
          : (await tenant.post<{ runId: string }>(`/api/workflows/${encodeURIComponent(workflowId)}/runs`, { n }, { 'idempotency-key': idempotencyKey })).runId;
      return { runId, retries: attempt - 1 };
    } catch (error) {
      // Both APIs may be restarting at once: keep trying for about half a minute, as a client would.
      if (attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 200 * attempt)));
    }
  }
}
