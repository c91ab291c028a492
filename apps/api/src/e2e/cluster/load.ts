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

/**
 * Starts `count` runs through the public API, `concurrency` at a time, spread over the API
 * processes. A start refused while a process restarts is retried with the same
 * idempotency key, as a client would: what counts is the run ids the API answered.
 */
export async function startRuns(tenant: Tenant, workflowId: string, count: number, concurrency = 20): Promise<string[]> {
  const runIds: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      runIds.push(await startWithRetries(tenant, workflowId, n));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return runIds;
}

async function startWithRetries(tenant: Tenant, workflowId: string, n: number): Promise<string> {
  const idempotencyKey = `load-${workflowId}-${n}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const started = await tenant.call<{ startRun: { id: string } }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId, input: { n }, idempotencyKey } });
      return started.startRun.id;
    } catch (error) {
      // Both APIs may be restarting at once: keep trying for about half a minute, as a client would.
      if (attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 200 * attempt)));
    }
  }
}
