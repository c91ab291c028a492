import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { BenchContext } from './context.js';
import { auth } from './graphql.js';
import { closedLoop } from './load.js';
import { summarize, type Percentiles } from './stats.js';
import { judge, WORKLOADS } from './workloads.js';

export type SubscriptionResult = { probes: number; backgroundConcurrency: number; latencyMs: Percentiles; errors: number; errorSamples: string[] };

type Pushed = { type: string; at: string; nodeId: string | null };

const RUN_EVENTS = 'subscription ($runId: ID!) { runEvents(runId: $runId) { type version nodeId at } }';

/**
 * Receive time minus the event's `at`, for each `node.completed` of the probe's
 * chain: the probe's first node (a short delay) gives the subscription time to be
 * live, so these are pushed, not replayed.
 */
function watchRun(client: Client, runId: string, timeoutMs: number): Promise<number[]> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`run ${runId}: no workflow.finished within ${timeoutMs} ms`)), timeoutMs);
    client.subscribe<{ runEvents: Pushed }>(
      { query: RUN_EVENTS, variables: { runId } },
      {
        next: ({ data, errors }) => {
          const receivedAt = Date.now();
          if (errors) reject(new Error(JSON.stringify(errors)));
          const event = data?.runEvents;
          if (event?.type !== 'node.completed' || event.nodeId === 'wait') return;
          latencies.push(receivedAt - Date.parse(event.at));
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          clearTimeout(timer);
          resolve(latencies);
        },
      },
    );
  });
}

/**
 * `node.completed` → graphql-ws subscriber latency: while a linear10 load runs at the
 * configured concurrency, starts probe runs (a 0.3 s delay, then linear10) one at a
 * time without waiting, and watches each.
 */
export async function measureSubscription(ctx: BenchContext, linearWorkflowId: string, probeWorkflowId: string): Promise<SubscriptionResult> {
  const { options, trigger, stack } = ctx;
  const linear = WORKLOADS[0]!;
  const client = createClient({ url: `${stack.apiUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: auth.headers });
  let probing = true;
  const background = closedLoop({
    concurrency: options.subscription.concurrency,
    stop: () => !probing,
    send: async (i) => judge(await trigger.run(linearWorkflowId, linear.input(i), options.waitMs)),
  });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  try {
    for (let i = 0; i < options.subscription.probes; i++) {
      try {
        const runId = await trigger.start(probeWorkflowId, linear.input(i));
        latencies.push(...(await watchRun(client, runId, options.waitMs)));
      } catch (error) {
        errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  } finally {
    probing = false;
    await client.dispose();
  }
  const load = await background;
  return {
    probes: options.subscription.probes,
    backgroundConcurrency: options.subscription.concurrency,
    latencyMs: summarize(latencies),
    errors: errorSamples.length + load.errors,
    errorSamples: [...errorSamples, ...load.errorSamples].slice(0, 5),
  };
}
