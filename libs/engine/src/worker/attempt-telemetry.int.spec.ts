import pg from 'pg';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandMetadata } from '@weft/domain';
import { PgEventStore } from '@weft/event-store';
import * as nodes from '@weft/nodes';
import { createGuardedFetch, defaultRegistry } from '@weft/nodes';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import { createLogger } from '../logger.js';
import { createMetrics, type WeftMetrics } from '../metrics/weft-metrics.js';
import { OutputBlobStore } from '../outputs/output-blob-store.js';
import { OutputStorage } from '../outputs/output-storage.js';
import { createOtelTracing } from '../tracing/otel-tracing.js';
import { runSpanId, runTraceId } from '../tracing/tracing.js';
import { attemptTelemetry } from './attempt-telemetry.js';
import { TaskProcessor } from './task-processor.js';

/** A node attempt run by the TaskProcessor, observed: histogram, span and log lines. */
describe('node attempt telemetry', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let aggregates: Aggregates;
  let processor: TaskProcessor;
  let metrics: WeftMetrics;
  const exporter = new InMemorySpanExporter();
  const lines: string[] = [];
  const meta = (commandId: string): CommandMetadata => ({ commandId, now: new Date().toISOString(), workspaceId: 'ws-7' });
  const task = (runId: string, nodeId: string) => ({ runId, nodeId, attempt: 1, workspaceId: 'ws-7', scheduledAt: new Date().toISOString() });
  const signal = new AbortController().signal;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl });
    const registry = defaultRegistry();
    const outputs = new OutputStorage(new OutputBlobStore(pool), { inlineBytes: 1024, maxBytes: 64 * 1024 });
    aggregates = createAggregates(new PgEventStore(pool), registry.toCatalog(), {}, outputs);
    const services = { fetch: createGuardedFetch({ allow: [] }), now: () => new Date(), publishedVersion: () => Promise.resolve(undefined) };
    metrics = createMetrics({ defaultMetrics: false });
    const logger = createLogger({ service: 'weft' }, { destination: { write: (line: string) => void lines.push(line) } });
    const tracing = createOtelTracing({ serviceName: 'weft', logger, export: { exporter } });
    processor = new TaskProcessor({ aggregates, nodes, registry, services, workerId: 'w-1', logger, telemetry: attemptTelemetry({ metrics, tracing, workerId: 'w-1' }) });
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  const start = async (node: { id: string; type: string; config: Record<string, unknown> }) => {
    const runId = crypto.randomUUID();
    await aggregates.runs.handle({ type: 'StartRun', data: { runId, workflowId: 'w', workflowVersion: 1, graph: { nodes: [node], edges: [] } as never, input: {} }, metadata: meta(`s-${runId}`) });
    return runId;
  };
  const durationCount = async (type: string, outcome: string) => {
    const { values } = await metrics.nodeDuration.get();
    return values.find((v) => v.metricName === 'weft_node_duration_seconds_count' && v.labels.type === type && v.labels.outcome === outcome)?.value ?? 0;
  };
  const spanOf = (runId: string) => exporter.getFinishedSpans().find((s) => s.attributes['weft.run.id'] === runId);

  it('times a completed attempt by node type and outcome, and traces it as a span of its run', async () => {
    const runId = await start({ id: 'a', type: 'set', config: { values: { x: 1 } } });
    expect(await processor.process(task(runId, 'a'), signal)).toBe('completed');
    expect(await durationCount('set', 'completed')).toBe(1);
    const span = spanOf(runId)!;
    expect(span.spanContext().traceId).toBe(runTraceId(runId));
    expect(span.parentSpanContext?.spanId).toBe(runSpanId(runId));
    expect(span.attributes).toMatchObject({ 'weft.workspace.id': 'ws-7', 'weft.run.id': runId, 'weft.node.id': 'a', 'weft.node.type': 'set', 'weft.attempt': 1, 'weft.outcome': 'completed' });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('records a failed attempt as failed, its span with the node’s error', async () => {
    const runId = await start({ id: 'call', type: 'http', config: { url: 'http://127.0.0.1:9/x' } });
    expect(await processor.process(task(runId, 'call'), signal)).toBe('failed');
    expect(await durationCount('http', 'failed')).toBe(1);
    const span = spanOf(runId)!;
    expect(span.attributes['weft.outcome']).toBe('failed');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events[0]?.attributes?.['exception.message']).toMatch(/127\.0\.0\.1/);
  });

  it('writes what a node logs to the worker’s log with its workspace, run, node and attempt ids', async () => {
    const runId = await start({ id: 'js', type: 'code', config: { code: 'console.log("from the node"); return 1' } });
    expect(await processor.process(task(runId, 'js'), signal)).toBe('completed');
    const entry = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((e) => e.msg === 'from the node');
    expect(entry).toMatchObject({ level: 'info', service: 'weft', workspaceId: 'ws-7', runId, nodeId: 'js', attempt: 1, source: 'console' });
  });
});
