import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandMetadata } from '@weft/domain';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { loadConfig } from '../config/weft-config.js';
import { createLogger } from '../logger.js';
import { createOtelTracing } from '../tracing/otel-tracing.js';
import { runSpanId, runTraceId } from '../tracing/tracing.js';
import { createPlatform, type Platform } from './platform.js';

/** The process that appends a run's end records the run's own span: the root its attempts' spans hang from. */
describe('a run as a trace', () => {
  let env: TestEnv;
  let platform: Platform;
  const exporter = new InMemorySpanExporter();
  const meta = (commandId: string): CommandMetadata => ({ commandId, now: new Date().toISOString(), workspaceId: 'ws' });

  beforeAll(async () => {
    env = await createTestEnv();
    const logger = createLogger({}, { silent: true });
    platform = await createPlatform(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, NODE_ENV: 'test', WEFT_PG_POOL_SIZE: '3' }), {
      logger,
      tracing: createOtelTracing({ serviceName: 'weft', logger, export: { exporter } }),
    });
  });
  afterAll(async () => {
    await platform?.close();
    await env?.cleanup();
  });

  it('records the run’s span, with the ids derived from the run id, over its whole time, once it has finished', async () => {
    const runId = crypto.randomUUID();
    const graph = { nodes: [{ id: 'a', type: 'set', config: { values: {} } }], edges: [] };
    await platform.aggregates.runs.handle({ type: 'StartRun', data: { runId, workflowId: 'wf', workflowVersion: 2, graph, input: {} }, metadata: meta(`start-${runId}`) });
    expect(exporter.getFinishedSpans()).toEqual([]);
    await platform.aggregates.runs.handle({ type: 'FailNode', data: { runId, nodeId: 'a', attempt: 1, error: { code: 'BOOM', message: 'it broke', retryable: false } }, metadata: meta(`fail-${runId}`) });
    const [span] = exporter.getFinishedSpans();
    expect(span!.spanContext()).toMatchObject({ traceId: runTraceId(runId), spanId: runSpanId(runId) });
    expect(span!.name).toBe('run wf');
    expect(span!.attributes).toMatchObject({ 'weft.workspace.id': 'ws', 'weft.run.id': runId, 'weft.workflow.id': 'wf', 'weft.workflow.version': 2, 'weft.outcome': 'failed' });
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    const { state } = await platform.aggregates.runs.load(`run-${runId}`);
    expect(state.status === 'none' ? undefined : new Date(state.startedAt).getTime()).toBe(span!.startTime[0] * 1000 + Math.round(span!.startTime[1] / 1e6));
  });
});
