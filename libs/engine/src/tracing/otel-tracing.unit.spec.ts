import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createOtelTracing } from './otel-tracing.js';
import { NOOP_TRACING, runSpanId, runTraceId } from './tracing.js';

const RUN = '43b60d14-2f0e-4c1a-9d3e-5a6b7c8d9e0f';
const attempt = { workspaceId: 'ws', runId: RUN, nodeId: 'call', nodeType: 'http', attempt: 2, workerId: 'w-1' };

describe('tracing', () => {
  it('derives a run’s trace id from its id (a UUID’s own digits), the same in every process', () => {
    expect(runTraceId(RUN)).toBe('43b60d142f0e4c1a9d3e5a6b7c8d9e0f');
    expect(runTraceId('not-a-uuid')).toMatch(/^[0-9a-f]{32}$/);
    expect(runTraceId('not-a-uuid')).toBe(runTraceId('not-a-uuid'));
    expect(runTraceId('00000000-0000-0000-0000-000000000000')).not.toBe('0'.repeat(32));
    expect(runSpanId(RUN)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('records a node attempt as a span of its run’s trace, child of the run’s span, with its ids and outcome', () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createOtelTracing({ serviceName: 'weft-test', logger: createLogger({}, { silent: true }), export: { exporter } });
    tracing.nodeAttempt(attempt).end('completed');
    const [span] = exporter.getFinishedSpans();
    expect(span!.spanContext().traceId).toBe(runTraceId(RUN));
    expect(span!.parentSpanContext?.spanId).toBe(runSpanId(RUN));
    expect(span!.name).toBe('node http');
    expect(span!.attributes).toEqual({ 'weft.workspace.id': 'ws', 'weft.run.id': RUN, 'weft.node.id': 'call', 'weft.node.type': 'http', 'weft.attempt': 2, 'weft.worker.id': 'w-1', 'weft.outcome': 'completed' });
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
    expect(span!.resource.attributes['service.name']).toBe('weft-test');
  });

  it('records a node’s failure and a processing error as errors of the span', () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createOtelTracing({ serviceName: 'weft', logger: createLogger({}, { silent: true }), export: { exporter } });
    const failed = tracing.nodeAttempt(attempt);
    failed.nodeFailed({ code: 'HTTP_STATUS', message: 'answered 503' });
    failed.end('failed');
    tracing.nodeAttempt({ ...attempt, attempt: 3 }).end('error', new Error('connection terminated'));
    const [node, processing] = exporter.getFinishedSpans();
    expect(node!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'HTTP_STATUS: answered 503' });
    expect(node!.events.map((e) => [e.name, e.attributes])).toEqual([['exception', { 'exception.type': 'HTTP_STATUS', 'exception.message': 'answered 503' }]]);
    expect(processing!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'connection terminated' });
    expect(processing!.events[0]!.attributes).toMatchObject({ 'exception.message': 'connection terminated' });
  });

  it('records a finished run as the root span its attempts hang from, over the run’s whole time', () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createOtelTracing({ serviceName: 'weft', logger: createLogger({}, { silent: true }), export: { exporter } });
    tracing.runFinished({ workspaceId: 'ws', runId: RUN, workflowId: 'wf', workflowVersion: 3, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:02.500Z', status: 'failed', trigger: 'schedule', error: { code: 'NODE_FAILED', message: 'call failed' } });
    tracing.nodeAttempt(attempt).end('completed'); // ids of other spans are random again
    const [run, node] = exporter.getFinishedSpans();
    expect(run!.spanContext()).toMatchObject({ traceId: runTraceId(RUN), spanId: runSpanId(RUN) });
    expect(run!.parentSpanContext).toBeUndefined();
    expect(run!.duration).toEqual([2, 500_000_000]);
    expect(run!.attributes).toMatchObject({ 'weft.run.id': RUN, 'weft.workflow.id': 'wf', 'weft.workflow.version': 3, 'weft.outcome': 'failed', 'weft.trigger': 'schedule' });
    expect(run!.status.code).toBe(SpanStatusCode.ERROR);
    expect(node!.spanContext().spanId).not.toBe(runSpanId(RUN));
    expect(node!.parentSpanContext?.spanId).toBe(run!.spanContext().spanId);
  });

  it('is a no-op without an exporter', async () => {
    expect(NOOP_TRACING.enabled).toBe(false);
    const span = NOOP_TRACING.nodeAttempt(attempt);
    span.nodeFailed({ code: 'X', message: 'y' });
    span.end('failed');
    NOOP_TRACING.runFinished({ workspaceId: 'ws', runId: RUN, workflowId: 'wf', workflowVersion: 1, startedAt: '', finishedAt: '', status: 'succeeded' });
    await NOOP_TRACING.shutdown();
  });
});
