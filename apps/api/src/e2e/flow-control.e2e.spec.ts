import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv } from '@weft/testing';
import { hangingFanoutGraph, slowHttpGraph } from './graphs.js';
import { collectRunEvents, publishWorkflow, startStack, waitForRun, type Stack } from './harness.js';
import { startSlowServer, until, type SlowServer } from './slow-server.js';

type Row = { type: string; stream_id: string; position: string; status: string | null; run_id: string | null };

const START = 'mutation ($input: StartRunInput!) { startRun(input: $input) { id status } }';
const CANCEL = 'mutation ($id: ID!) { cancelRun(id: $id) { status } }';

describe('flow control: concurrency limits queue work instead of failing it', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const setUp = async (env: Record<string, string> = {}, delayMs = 500) => {
    const test = await createTestEnv();
    cleanups.push(() => test.cleanup());
    const stack = await startStack({ env: { DATABASE_URL: test.databaseUrl, REDIS_URL: test.redisUrl, WEFT_REDIS_PREFIX: test.redisPrefix, ...env }, silent: process.env.WEFT_TEST_LOGS !== '1' });
    cleanups.push(() => stack.close());
    const server = await startSlowServer(delayMs);
    cleanups.push(() => server.close());
    return { stack, server };
  };

  const start = async (stack: Stack, workflowId: string, input: unknown) => (await stack.ok<{ startRun: { id: string; status: string } }>(START, { input: { workflowId, input } })).startRun;

  /** Samples, until stopped, the most requests in flight at the server and the most runs the read model shows running. */
  const watchPeaks = (stack: Stack, server: SlowServer, workflowId: string) => {
    const peaks = { inFlight: 0, running: 0, queuedSeen: 0 };
    let stopped = false;
    const sampling = (async () => {
      while (!stopped) {
        peaks.inFlight = Math.max(peaks.inFlight, server.inFlight);
        const rows = await stack.platform.prisma.run.groupBy({ by: ['status'], where: { workflowId }, _count: true });
        const count = (status: string) => rows.find((r) => r.status === status)?._count ?? 0;
        peaks.running = Math.max(peaks.running, count('running'));
        peaks.queuedSeen = Math.max(peaks.queuedSeen, count('queued'));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    return async () => {
      stopped = true;
      await sampling;
      return peaks;
    };
  };

  /** Admissions and ends of these runs, in log order, and slot events of the workflow. */
  const log = async (stack: Stack, workflowId: string, runIds: string[]) => {
    const { rows } = await stack.platform.pool.query<Row>(
      `SELECT type, stream_id, global_position::text AS position, data->>'status' AS status, data->>'runId' AS run_id FROM events
        WHERE (stream_id = ANY($1::text[]) AND type IN ('run.admitted', 'workflow.finished', 'node.scheduled')) OR stream_id = $2
        ORDER BY global_position`,
      [runIds.map((id) => `run-${id}`), `slots-${workflowId}`],
    );
    return rows;
  };

  /** The most runs admitted and not yet finished at any point of the log. */
  const mostAdmittedAtOnce = (rows: Row[]) => {
    let open = 0;
    let most = 0;
    const admitted = new Set<string>();
    for (const row of rows) {
      if (row.type === 'run.admitted') {
        admitted.add(row.stream_id);
        most = Math.max(most, (open += 1));
      } else if (row.type === 'workflow.finished' && admitted.has(row.stream_id)) open -= 1;
    }
    return most;
  };

  it('runs 5 runs of a workflow with maxConcurrentRuns 2 at most 2 at a time, the rest queued, admitted in order, all succeeding', async ({ annotate }) => {
    const { stack, server } = await setUp({}, 500);
    const workflowId = await publishWorkflow(stack, 'two at a time', { ...slowHttpGraph(server.url), settings: { maxConcurrentRuns: 2 } });
    const stopWatching = watchPeaks(stack, server, workflowId);
    const startedAt = performance.now();
    const runs = [];
    for (let i = 1; i <= 5; i++) runs.push(await start(stack, workflowId, { i }));
    const runIds = runs.map((r) => r.id);
    // Every run of a limited workflow starts queued: a slot admits it, within milliseconds when one is free.
    expect(runs.map((r) => r.status)).toEqual(Array(5).fill('queued'));
    const last = collectRunEvents(stack.ws(), runIds[4]!);

    const outcomes = await Promise.all(runIds.map((id) => waitForRun(stack, id)));
    const elapsed = Math.round(performance.now() - startedAt);
    const peaks = await stopWatching();
    await annotate(`5 runs of 500 ms each, 2 at a time: ${elapsed} ms; peaks: ${peaks.inFlight} requests in flight, ${peaks.running} runs running, ${peaks.queuedSeen} queued`);

    expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('succeeded'));
    expect(peaks.inFlight).toBe(2);
    expect(peaks.running).toBeLessThanOrEqual(2);
    expect(peaks.queuedSeen).toBeGreaterThanOrEqual(3);
    expect(server.received).toBe(5);
    expect(elapsed).toBeGreaterThanOrEqual(1500); // three rounds of 500 ms: they did wait

    const rows = await log(stack, workflowId, runIds);
    expect(mostAdmittedAtOnce(rows)).toBe(2);
    expect(rows.filter((r) => r.type === 'run.admitted').map((r) => r.stream_id)).toEqual(runIds.map((id) => `run-${id}`));
    expect(rows.filter((r) => r.type === 'slot.granted').map((r) => r.run_id)).toEqual(runIds);
    expect(rows.filter((r) => r.type === 'slot.queued').map((r) => r.run_id)).toEqual(runIds.slice(2));
    const { rows: waits } = await stack.platform.pool.query<{ ms: number }>(
      `SELECT extract(milliseconds FROM a.recorded_at - s.recorded_at)::float AS ms FROM events s JOIN events a ON a.stream_id = s.stream_id AND a.type = 'run.admitted'
        WHERE s.stream_id = $1 AND s.version = 1`,
      [`run-${runIds[0]}`],
    );
    await annotate(`the first run, with a slot free, was admitted ${Math.round(waits[0]!.ms)} ms after it started`);
    // Nothing of a run is scheduled before it is admitted.
    for (const id of runIds) {
      const own = rows.filter((r) => r.stream_id === `run-${id}`).map((r) => r.type);
      expect(own).toEqual(['run.admitted', 'node.scheduled', 'node.scheduled', 'workflow.finished']);
    }

    // The subscription of a run that waited its turn shows the wait and the admission, then completes.
    const pushed = await last;
    expect(pushed.map((e) => e.type).slice(0, 3)).toEqual(['workflow.started', 'run.admitted', 'node.scheduled']);
    expect(pushed.at(-1)).toMatchObject({ type: 'workflow.finished', status: 'succeeded' });
    const listed = await stack.ok<{ runs: { nodes: { status: string }[] } }>('query ($w: ID) { runs(workflowId: $w, status: succeeded) { nodes { status } } }', { w: workflowId });
    expect(listed.runs.nodes).toHaveLength(5);
  });

  it('a cancelled queued run never starts and frees nothing; a cancelled running run frees its slot for the next', async () => {
    const { stack, server } = await setUp({}, 2000);
    const workflowId = await publishWorkflow(stack, 'one at a time', { ...slowHttpGraph(server.url), settings: { maxConcurrentRuns: 1 } });
    const [a, b, c] = [await start(stack, workflowId, { i: 1 }), await start(stack, workflowId, { i: 2 }), await start(stack, workflowId, { i: 3 })].map((r) => r.id) as [string, string, string];
    await until('run a to call the server', () => server.inFlight === 1);
    const status = async (id: string) => (await stack.ok<{ run: { status: string } }>('query ($id: ID!) { run(id: $id) { status } }', { id })).run.status;
    await until('b and c to show queued', async () => (await status(b)) === 'queued' && (await status(c)) === 'queued');

    expect((await stack.ok<{ cancelRun: { status: string } }>(CANCEL, { id: b })).cancelRun.status).toBe('cancelled');
    // b's cancel freed no slot: c still waits for a.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await status(c)).toBe('queued');
    expect(server.received).toBe(1);

    const cancelledAt = performance.now();
    expect((await stack.ok<{ cancelRun: { status: string } }>(CANCEL, { id: a })).cancelRun.status).toBe('cancelled');
    await until('run c to call the server', () => server.received === 2, 5000);
    const handedOverMs = Math.round(performance.now() - cancelledAt);
    expect(await waitForRun(stack, c)).toMatchObject({ status: 'succeeded' });
    expect(await waitForRun(stack, b)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(await waitForRun(stack, a)).toMatchObject({ status: 'cancelled' });

    const slotEvents = async () => (await log(stack, workflowId, [a, b, c])).filter((r) => r.stream_id === `slots-${workflowId}`).map((r) => `${r.type} ${[a, b, c].indexOf(r.run_id!) + 1}`);
    await until('c to give its slot back', async () => (await slotEvents()).length === 7);
    expect(await slotEvents()).toEqual(['slot.granted 1', 'slot.queued 2', 'slot.queued 3', 'slot.withdrawn 2', 'slot.released 1', 'slot.granted 3', 'slot.released 3']);
    const rows = await log(stack, workflowId, [a, b, c]);
    expect(rows.filter((r) => r.stream_id === `run-${b}`).map((r) => r.type)).toEqual(['workflow.finished']);
    expect(server.received).toBe(2);
    const nodes = await stack.ok<{ run: { nodeRuns: { status: string }[] } }>('query ($id: ID!) { run(id: $id) { nodeRuns { status } } }', { id: b });
    expect(nodes.run.nodeRuns.map((n) => n.status)).toEqual(['cancelled', 'cancelled']);
    expect(handedOverMs).toBeLessThan(3000);
  });

  it('WEFT_NODE_LIMITS=http=2: 6 parallel HTTP nodes never have more than 2 requests in flight, and all complete without a failure', async ({ annotate }) => {
    const { stack, server } = await setUp({ WEFT_NODE_LIMITS: 'http=2' }, 400);
    const workflowId = await publishWorkflow(stack, 'six calls', hangingFanoutGraph(server.url, 6));
    const stopWatching = watchPeaks(stack, server, workflowId);
    const startedAt = performance.now();
    const runId = (await start(stack, workflowId, {})).id;
    const outcome = await waitForRun(stack, runId);
    const elapsed = Math.round(performance.now() - startedAt);
    const peaks = await stopWatching();
    await annotate(`6 requests of 400 ms, 2 at a time: ${elapsed} ms, peak ${peaks.inFlight} in flight`);

    expect(outcome.status).toBe('succeeded');
    expect(peaks.inFlight).toBe(2);
    expect(server.received).toBe(6);
    expect(elapsed).toBeGreaterThanOrEqual(1200);
    const { rows } = await stack.platform.pool.query<{ type: string }>("SELECT type FROM events WHERE stream_id = $1 AND type IN ('node.failed', 'node.retrying')", [`run-${runId}`]);
    expect(rows).toEqual([]);
    // Every slot was given back.
    expect(await stack.platform.redis.zcard(`${stack.config.redisPrefix}limit:${stack.workspaceId}:http:holders`)).toBe(0);
  });
});
