import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskQueue, type TaskMessage } from '@weft/bus';
import { PgEventStore, saveCheckpoint } from '@weft/event-store';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { projectorLagGauge, queueGauges, relayLagGauge } from './role-gauges.js';
import { createMetrics, type WeftMetrics } from './weft-metrics.js';

/** The value of one series in a scrape, or undefined when it is absent. */
async function scraped(metrics: WeftMetrics, series: string): Promise<number | undefined> {
  const { body } = await metrics.exposition();
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const task = (nodeId: string): TaskMessage => ({ runId: randomUUID(), nodeId, attempt: 1, workspaceId: 'ws', scheduledAt: new Date().toISOString() });

describe('queue and lag gauges against Redis and PostgreSQL', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let redis: Redis;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 3 });
    redis = new Redis(env.redisUrl);
  });
  afterAll(async () => {
    redis.disconnect();
    await pool.end();
    await env.cleanup();
  });

  it('queue depth and oldest age rise as tasks wait and are taken, and fall back to 0 once they are done', async () => {
    const queue = new TaskQueue(redis, env.redisPrefix);
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.watchQueues(queueGauges(queue, ['default', 'llm']));
    expect(await scraped(metrics, 'weft_queue_depth{queue="default"}')).toBe(0);
    expect(await scraped(metrics, 'weft_queue_oldest_age_seconds{queue="default"}')).toBe(0);

    await queue.enqueueMany([task('a'), task('b'), task('c')].map((t) => ({ queue: 'default', task: t })));
    await queue.enqueue('llm', task('d'));
    expect(await scraped(metrics, 'weft_queue_depth{queue="default"}')).toBe(3);
    expect(await scraped(metrics, 'weft_queue_depth{queue="llm"}')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await scraped(metrics, 'weft_queue_oldest_age_seconds{queue="default"}')).toBeGreaterThanOrEqual(1);

    const taken = await queue.consume('default', 'w', { count: 2 });
    expect(await scraped(metrics, 'weft_queue_depth{queue="default"}')).toBe(3); // 1 waiting + 2 pending
    await queue.ack('default', taken.map((t) => t.id));
    expect(await scraped(metrics, 'weft_queue_depth{queue="default"}')).toBe(1);
    const [last] = await queue.consume('default', 'w', { count: 1 });
    await queue.ack('default', [last!.id]);
    expect(await scraped(metrics, 'weft_queue_depth{queue="default"}')).toBe(0);
    expect(await scraped(metrics, 'weft_queue_oldest_age_seconds{queue="default"}')).toBe(0);
    expect(await scraped(metrics, 'weft_queue_depth{queue="llm"}')).toBe(1);
  });

  it('relay and projector lag: the log head past each tailer’s checkpoint, by tailer', async () => {
    const store = new PgEventStore(pool);
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.watchLag(relayLagGauge(pool, 'relay'));
    metrics.watchLag(projectorLagGauge(pool, ['read-models', 'wait-matcher']));
    const streamId = `run-${randomUUID()}`;
    const first = await store.append(streamId, Array.from({ length: 5 }, (_, i) => ({ type: 'node.completed', data: { i } })), { expectedVersion: 0, streamType: 'run', workspaceId: 'ws' });
    if (first.status !== 'appended') throw new Error('not appended');
    await saveCheckpoint(pool, 'relay', { transactionId: '1', globalPosition: first.lastPosition });
    await saveCheckpoint(pool, 'read-models', { transactionId: '1', globalPosition: first.firstPosition });
    expect(await scraped(metrics, 'weft_relay_lag_events{tailer="relay"}')).toBe(0);
    expect(await scraped(metrics, 'weft_projector_lag_events{tailer="read-models"}')).toBe(4);
    expect(await scraped(metrics, 'weft_projector_lag_events{tailer="wait-matcher"}')).toBe(first.lastPosition); // no checkpoint yet: the whole log

    const more = await store.append(streamId, Array.from({ length: 3 }, (_, i) => ({ type: 'node.completed', data: { i } })), { expectedVersion: 5, streamType: 'run', workspaceId: 'ws' });
    if (more.status !== 'appended') throw new Error('not appended');
    expect(await scraped(metrics, 'weft_relay_lag_events{tailer="relay"}')).toBe(3);
    expect(await scraped(metrics, 'weft_projector_lag_events{tailer="read-models"}')).toBe(7);
    await saveCheckpoint(pool, 'read-models', { transactionId: '1', globalPosition: more.lastPosition });
    expect(await scraped(metrics, 'weft_projector_lag_events{tailer="read-models"}')).toBe(0);
  });

  it('a scrape with PostgreSQL gone reports without the lag, counts the failure, and does not throw', async () => {
    const closed = new pg.Pool({ connectionString: env.databaseUrl.replace(/:\d+\//, ':1/'), connectionTimeoutMillis: 200 });
    closed.on('error', () => undefined);
    const metrics = createMetrics({ defaultMetrics: false, collectTimeoutMs: 500 });
    metrics.watchLag(relayLagGauge(closed, 'relay'));
    expect(await scraped(metrics, 'weft_relay_lag_events{tailer="relay"}')).toBeUndefined();
    expect(await scraped(metrics, 'weft_metrics_collect_failures_total{collector="lag"}')).toBe(2);
    await closed.end();
  });
});
