import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { LOG_START, PgEventStore, readEventsAfter } from '@weft/event-store';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import { createLogger } from '../logger.js';
import { SecretBox } from '../secrets/secret-box.js';
import { DeliveryPlanner } from './delivery-planner.js';
import { DeliverySender } from './delivery-sender.js';
import { createSigningSecret, signingSecretContext } from './signing.js';

type Hit = { runId: string; version: number; deliveryId: string; answered: number; signed: boolean };

const logger = createLogger({}, { silent: true });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delivery planner and senders', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let store: PgEventStore;
  let aggregates: Aggregates;
  let server: http.Server;
  let url: string;
  const secrets = new SecretBox([randomBytes(32)]);
  const hits: Hit[] = [];
  /** Requests in flight per subscription and run (the path names the subscription). */
  const inFlight = new Map<string, number>();
  let mostInFlightPerRun = 0;
  let secret: string;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 10 });
    store = new PgEventStore(pool);
    aggregates = createAggregates(store, new Map());
    const answers = new Map<string, number>();
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const payload = JSON.parse(body) as { runId: string; version: number };
        const deliveryId = String(request.headers['weft-delivery-id']);
        const count = (answers.get(deliveryId) ?? 0) + 1;
        answers.set(deliveryId, count);
        const key = `${request.url}:${payload.runId}`;
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        mostInFlightPerRun = Math.max(mostInFlightPerRun, inFlight.get(key)!);
        // Every other delivery fails its first attempt; answers take a moment, so overlaps would show.
        const answered = count === 1 && deliveryId.charCodeAt(0) % 2 === 0 ? 503 : 204;
        const signed = request.headers['weft-signature'] === `sha256=${createHmac('sha256', secret).update(`${String(request.headers['weft-timestamp'])}.${body}`).digest('hex')}`;
        setTimeout(() => {
          inFlight.set(key, inFlight.get(key)! - 1);
          hits.push({ runId: payload.runId, version: payload.version, deliveryId, answered, signed });
          response.writeHead(answered).end();
        }, 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
    await env.cleanup();
  });

  const subscribe = async (workspaceId: string, data: { eventTypes?: string[]; workflowIds?: string[] } = {}) => {
    const subscriptionId = randomUUID();
    secret = createSigningSecret();
    await aggregates.subscriptions.handle({
      type: 'CreateSubscription',
      data: { subscriptionId, url: `${url}/${subscriptionId}`, ...data, secret: secrets.seal(secret, signingSecretContext(subscriptionId)) },
      metadata: { commandId: randomUUID(), now: new Date().toISOString(), workspaceId },
    });
    return subscriptionId;
  };
  /** A run's events as a worker would append them (a node.started too, which is not delivered). */
  const appendRun = async (workspaceId: string, workflowId: string, nodes = 3) => {
    const runId = randomUUID();
    const events = [
      { type: 'workflow.started', data: { runId, workflowId, workflowVersion: 2, graph: { nodes: [], edges: [] }, input: {} } },
      ...Array.from({ length: nodes }, (_, i) => [
        { type: 'node.started', data: { nodeId: `n${i}`, attempt: 1 } },
        { type: 'node.completed', data: { nodeId: `n${i}`, attempt: 1, output: { i } } },
      ]).flat(),
      { type: 'workflow.finished', data: { status: 'succeeded', finishedAt: new Date().toISOString() } },
    ];
    for (const [i, event] of events.entries()) await store.append(`run-${runId}`, [event], { expectedVersion: i, streamType: 'run', workspaceId });
    return runId;
  };
  /** The whole log in the tailers' order, once no older transaction (anywhere on the server) holds part of it back. */
  const allEvents = async () => {
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    for (;;) {
      const events = await readEventsAfter(pool, LOG_START, 10_000);
      if (events.length === rows[0]!.n) return events;
      await sleep(10);
    }
  };
  const rowsOf = async (subscriptionId: string) =>
    (await pool.query<{ id: string; run_id: string; seq: number; status: string; attempts: number }>('SELECT id, run_id, seq, status, attempts FROM deliveries WHERE subscription_id = $1', [subscriptionId])).rows;

  it('plans one delivery per matching run event after the subscription, and nothing more on a replay', async () => {
    const before = await appendRun('ws-a', 'w1', 1);
    const all = await subscribe('ws-a');
    const finishedOnly = await subscribe('ws-a', { eventTypes: ['workflow.finished'], workflowIds: ['w2'] });
    const runs = [await appendRun('ws-a', 'w1'), await appendRun('ws-a', 'w2')];
    await appendRun('ws-b', 'w1'); // another workspace: not ours
    const events = await allEvents();
    await new DeliveryPlanner(pool, logger).handle(events);
    // A replay, by a planner that remembers nothing (it reads each run's workflow from the log), in smaller batches.
    const fresh = new DeliveryPlanner(pool, logger);
    for (let i = 0; i < events.length; i += 7) await fresh.handle(events.slice(i, i + 7));

    const planned = await rowsOf(all);
    expect(planned).toHaveLength(10);
    expect(new Set(planned.map((r) => r.run_id))).toEqual(new Set(runs));
    expect(planned.map((r) => r.run_id)).not.toContain(before);
    expect((await rowsOf(finishedOnly)).map((r) => [r.run_id, r.status])).toEqual([[runs[1], 'pending']]);
    const { rows } = await pool.query<{ payload: { type: string; workflowVersion: number; data: Record<string, unknown> } }>("SELECT payload FROM deliveries WHERE subscription_id = $1 AND event_type = 'workflow.started'", [all]);
    expect(rows.every((r) => r.payload.workflowVersion === 2 && !('graph' in r.payload.data))).toBe(true);
    await pool.query('DELETE FROM deliveries');
    await pool.query('DELETE FROM event_subscriptions');
  });

  it('two senders deliver every event once with a 2xx, one request at a time per run, in the run order', async () => {
    const subscriptionId = await subscribe('ws-c');
    const runs = await Promise.all(Array.from({ length: 6 }, () => appendRun('ws-c', 'w1')));
    await new DeliveryPlanner(pool, logger).handle(await allEvents());
    expect(await rowsOf(subscriptionId)).toHaveLength(30);

    const settings = { maxAttempts: 5, retryMs: 20, maxRetryMs: 50, timeoutMs: 2000 };
    const senders = [0, 1].map(() => new DeliverySender({ pool, fetch, secrets, logger, settings, concurrency: 4, idlePollMs: 50 }));
    senders.forEach((s) => s.start());
    const deadline = Date.now() + 20_000;
    while ((await rowsOf(subscriptionId)).some((r) => r.status !== 'delivered') && Date.now() < deadline) await sleep(50);
    await Promise.all(senders.map((s) => s.stop()));

    const rows = await rowsOf(subscriptionId);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    const ours = hits.filter((h) => rows.some((r) => r.id === h.deliveryId));
    for (const row of rows) {
      const forIt = ours.filter((h) => h.deliveryId === row.id);
      expect(forIt.filter((h) => h.answered === 204)).toHaveLength(1);
      expect(forIt).toHaveLength(row.attempts);
    }
    expect(ours.some((h) => h.answered === 503)).toBe(true);
    expect(ours.every((h) => h.signed)).toBe(true);
    expect(mostInFlightPerRun).toBe(1);
    for (const runId of runs) {
      const versions = ours.filter((h) => h.runId === runId).map((h) => h.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(versions)).toEqual(new Set([1, 3, 5, 7, 8]));
    }
  });

  it('a deleted subscription gets no new deliveries, and the pending ones are dropped', async () => {
    const subscriptionId = await subscribe('ws-d');
    await appendRun('ws-d', 'w1');
    const planner = new DeliveryPlanner(pool, logger);
    await planner.handle(await allEvents());
    expect(await rowsOf(subscriptionId)).toHaveLength(5);
    await aggregates.subscriptions.handle({ type: 'DeleteSubscription', data: { subscriptionId }, metadata: { commandId: randomUUID(), now: new Date().toISOString(), workspaceId: 'ws-d' } });
    await appendRun('ws-d', 'w1');
    await planner.handle(await allEvents());
    const rows = await rowsOf(subscriptionId);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.status === 'failed')).toBe(true);

    // Replayed from scratch (the table lost), a subscription already deleted starts deleted: nothing to send again.
    await pool.query('DELETE FROM deliveries WHERE subscription_id = $1', [subscriptionId]);
    await pool.query('DELETE FROM event_subscriptions WHERE id = $1', [subscriptionId]);
    await new DeliveryPlanner(pool, logger).handle(await allEvents());
    expect(await rowsOf(subscriptionId)).toEqual([]);
  });
});
