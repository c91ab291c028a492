import { describe, expect, it } from 'vitest';
import { createMetrics } from './weft-metrics.js';
import type { GaugeSample } from './scraped-gauges.js';
import type { QueueGauge } from './weft-metrics.js';

const depth = (queue: string, value: number): GaugeSample<QueueGauge> => ({ gauge: 'depth', labels: { queue }, value });
const never = () => new Promise<never>(() => undefined);

describe('gauges read at scrape time', () => {
  it('are absent from a process whose roles report none', async () => {
    const { body } = await createMetrics({ defaultMetrics: false }).exposition();
    expect(body).not.toContain('weft_queue_depth');
    expect(body).not.toContain('weft_relay_lag_events');
    expect(body).toContain('# TYPE weft_node_duration_seconds histogram');
  });

  it('ask each source once per scrape for all its gauges, and report their values', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let calls = 0;
    metrics.watchQueues(() => {
      calls += 1;
      return Promise.resolve([depth('default', 3), { gauge: 'oldestAge', labels: { queue: 'default' }, value: 1.5 }]);
    });
    const { body } = await metrics.exposition();
    expect(calls).toBe(1);
    expect(body).toMatch(/^weft_queue_depth\{queue="default"\} 3$/m);
    expect(body).toMatch(/^weft_queue_oldest_age_seconds\{queue="default"\} 1\.5$/m);
  });

  it('never throw out of a scrape nor wait past the timeout: a failing or silent source reports nothing and counts as a failure, the others report', async () => {
    const metrics = createMetrics({ defaultMetrics: false, collectTimeoutMs: 100 });
    let silentCalls = 0;
    metrics.watchQueues(() => Promise.resolve([depth('ok', 1)]));
    metrics.watchQueues(() => Promise.reject(new Error('Connection is closed.')));
    metrics.watchQueues(() => {
      silentCalls += 1;
      return never();
    });
    metrics.watchLag(() => Promise.reject(new Error('ECONNREFUSED')));
    const started = Date.now();
    const { body } = await metrics.exposition();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(body).toMatch(/^weft_queue_depth\{queue="ok"\} 1$/m);
    expect(body).toMatch(/^weft_metrics_collect_failures_total\{collector="queues"\} 2$/m);
    expect(body).toMatch(/^weft_metrics_collect_failures_total\{collector="lag"\} 1$/m);
    expect(body).not.toMatch(/^weft_relay_lag_events\{/m);
    // Still silent at the next scrape: not asked again while its first call hangs.
    await metrics.exposition();
    expect(silentCalls).toBe(1);
  });

  it('drop a value that is no longer reported (no stale series), and a removed source', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let samples = [depth('a', 1), depth('b', 2)];
    const remove = metrics.watchQueues(() => Promise.resolve(samples));
    expect((await metrics.exposition()).body).toMatch(/queue="b"/);
    samples = [depth('a', 4)];
    const { body } = await metrics.exposition();
    expect(body).toMatch(/^weft_queue_depth\{queue="a"\} 4$/m);
    expect(body).not.toMatch(/queue="b"/);
    remove();
    expect((await metrics.exposition()).body).not.toMatch(/^weft_queue_depth\{/m);
  });
});
