import { createClient, type Client as WsClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@weft/db';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { startCluster, type Cluster } from './cluster/cluster.js';
import { startPrivatePostgres, type PrivatePostgres } from './cluster/private-postgres.js';
import { createTenant, type Tenant } from './cluster/tenant.js';
import { edge, node } from './graphs.js';
import { TEST_ORIGIN } from './identity.js';
import { startSlowServer, type SlowServer } from './slow-server.js';

const SHAPE = { apis: 2, workers: 3, relays: 1, projectors: 1, schedulers: 2 };

/**
 * Several instances of each role share the work: 2 APIs, 3 workers (4 tasks each at most)
 * and 2 schedulers as separate processes on one database and Redis. Runs started through
 * either API are executed by every worker, their events pushed by either API, and a
 * schedule fires once per due time however many schedulers run.
 */
describe(`scale-out: ${SHAPE.apis} APIs, ${SHAPE.workers} workers, ${SHAPE.schedulers} schedulers as separate processes`, () => {
  let env: TestEnv;
  let postgres: PrivatePostgres;
  let pool: pg.Pool;
  let cluster: Cluster;
  let tenant: Tenant;
  let server: SlowServer;
  const sockets: WsClient[] = [];

  beforeAll(async () => {
    env = await createTestEnv(); // its Redis prefix; the database is a server of the test's own
    // Eleven processes and their tailers hold ~60 connections: on a server of its own they
    // do not compete with the rest of the suite for the shared server's 100.
    postgres = await startPrivatePostgres();
    await migrate(postgres.url);
    pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
    server = await startSlowServer(150);
    cluster = await startCluster(
      { DATABASE_URL: postgres.url, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, NODE_ENV: 'test', WEFT_PUBLIC_URL: TEST_ORIGIN, WEFT_HTTP_ALLOW: '127.0.0.1', WEFT_WORKER_CONCURRENCY: '4', WEFT_PG_POOL_SIZE: '3', WEFT_SIGN_IN_RATE: '1000' },
      SHAPE,
    );
    tenant = await createTenant(cluster.apiUrls);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await cluster?.stop();
    await server?.close();
    await pool?.end();
    postgres?.stop();
    await env?.cleanup();
  });

  const socketTo = (apiUrl: string) => {
    const socket = createClient({ url: `${apiUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${tenant.apiKey}` }, retryAttempts: 0 });
    sockets.push(socket);
    return socket;
  };

  it('spreads runs started through either API over every worker, and either API pushes their events live', { timeout: 120_000 }, async () => {
    const { createWorkflow } = await tenant.call<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
      input: {
        name: 'fan-out',
        graph: {
          nodes: [node('start', 'set', { values: { n: '{{ n }}' } }), ...[1, 2, 3, 4].map((i) => node(`call${i}`, 'http', { url: `${server.url}/{{ $run.runId }}/${i}` })), node('join', 'merge')],
          edges: [...[1, 2, 3, 4].map((i) => edge('start', `call${i}`)), ...[1, 2, 3, 4].map((i) => edge(`call${i}`, 'join'))],
        },
      },
    });
    await tenant.call('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: createWorkflow.id });

    const [first, second] = cluster.apiUrls.map(socketTo) as [WsClient, WsClient];
    const pushedBy = new Map<string, number>([[cluster.apiUrls[0]!, 0], [cluster.apiUrls[1]!, 0]]);
    const runs = 24;
    const finished = await Promise.all(
      Array.from({ length: runs }, async (_, n) => {
        // Started through the API the tenant picks next (round robin); watched on the other one half the time.
        const { startRun } = await tenant.call<{ startRun: { id: string } }>('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId: createWorkflow.id, input: { n } } });
        const apiUrl = cluster.apiUrls[n % 2]!;
        const socket = n % 2 === 0 ? first : second;
        const pushed: string[] = [];
        // The server completes the subscription after workflow.finished. (Unsubscribing as that
        // event arrives would race the server's complete: see apps/web/src/lib/graphql/subscribe-safely.ts.)
        return new Promise<{ runId: string; pushed: string[] }>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`run ${startRun.id}: its subscription on ${apiUrl} did not complete in 90 s; pushed: ${pushed.join(', ')}\n${cluster.logs(30)}`)), 90_000);
          socket.subscribe<{ runEvents: { type: string; status: string | null } }>(
            { query: 'subscription ($runId: ID!) { runEvents(runId: $runId) { type status } }', variables: { runId: startRun.id } },
            {
              next: ({ data }) => {
                pushed.push(data?.runEvents.type ?? 'no data');
                pushedBy.set(apiUrl, pushedBy.get(apiUrl)! + 1);
              },
              error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
              complete: () => {
                clearTimeout(timer);
                resolve({ runId: startRun.id, pushed });
              },
            },
          );
        });
      }),
    );
    // Every run succeeded (the event store says so), and every subscription, on either API, pushed its run's events live.
    const { rows: outcomes } = await pool.query<{ status: string }>("SELECT data->>'status' AS status FROM events WHERE type = 'workflow.finished' AND stream_id = ANY($1)", [finished.map((f) => `run-${f.runId}`)]);
    expect(outcomes.map((o) => o.status)).toEqual(finished.map(() => 'succeeded'));
    for (const { runId, pushed } of finished) {
      expect(pushed.slice(0, 2), runId).toEqual(['workflow.started', 'node.scheduled']);
      // Completed only once the run's last event went out: 1 start, 6 scheduled, 6 completed, 4 started, 1 finished.
      expect(pushed.at(-1), runId).toBe('workflow.finished');
      expect(pushed.filter((type) => type === 'node.completed'), runId).toHaveLength(6);
    }

    for (const [apiUrl, pushed] of pushedBy) expect(pushed, apiUrl).toBeGreaterThan(runs / 2);

    // Every worker process executed some of the 96 calls; none executed any twice.
    const { rows } = await pool.query<{ worker: string; attempts: string }>(
      "SELECT data->>'workerId' AS worker, count(*) AS attempts FROM events WHERE type = 'node.started' AND data->>'nodeId' LIKE 'call%' GROUP BY 1",
    );
    expect(rows.length, JSON.stringify(rows)).toBe(SHAPE.workers);
    expect(rows.reduce((sum, row) => sum + Number(row.attempts), 0)).toBe(runs * 4);
    expect(server.received).toBe(runs * 4);
  });

  it('fires a schedule once per due time with two schedulers running', { timeout: 60_000 }, async () => {
    const { createWorkflow } = await tenant.call<{ createWorkflow: { id: string } }>('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
      input: { name: 'every second', graph: { nodes: [node('tick', 'set', { values: { at: '{{ $now() }}' } })], edges: [] } },
    });
    await tenant.call('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: createWorkflow.id });
    await tenant.call('mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { id } }', { w: createWorkflow.id, t: [{ id: 'tick', kind: 'schedule', cron: '* * * * * *' }] });
    const runsOf = async () =>
      (await pool.query<{ fire: string; n: string }>("SELECT data->'trigger'->>'fireTime' AS fire, count(*) AS n FROM events WHERE type = 'workflow.started' AND data->>'workflowId' = $1 GROUP BY 1", [createWorkflow.id])).rows;
    const deadline = Date.now() + 30_000;
    while ((await runsOf()).length < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await tenant.call('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: createWorkflow.id });
    const fires = await runsOf();
    expect(fires.length).toBeGreaterThanOrEqual(6);
    expect(fires.filter((fire) => fire.n !== '1')).toEqual([]);
    expect(cluster.byRole('scheduler').every((p) => !p.exited())).toBe(true);
  });
});
