import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Attributes, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, RandomIdGenerator, SimpleSpanProcessor, type IdGenerator, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from '../logger.js';
import { runSpanId, runTraceId, type FinishedRun, type NodeAttempt, type NodeAttemptSpan, type Tracing } from './tracing.js';

export type OtelTracingOptions = {
  serviceName: string;
  logger: Logger;
  /** `endpoint`: an OTLP/HTTP collector's base URL (spans are batched); `exporter`: any exporter, each span exported as it ends (tests). */
  export: { endpoint: string; headers?: Record<string, string> } | { exporter: SpanExporter };
  /** How long `shutdown` may take to export what is buffered. Default 2000 ms. */
  shutdownTimeoutMs?: number;
};

/** Random ids, except for the span started right after `next` is set (a run's own span, whose ids are derived from its run id). */
class RunIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  next: { traceId: string; spanId: string } | undefined;
  generateTraceId = (): string => this.next?.traceId ?? this.random.generateTraceId();
  generateSpanId = (): string => this.next?.spanId ?? this.random.generateSpanId();
}

/** OpenTelemetry tracing (see `Tracing`): node attempts and runs as spans, exported over OTLP/HTTP. */
export function createOtelTracing(options: OtelTracingOptions): Tracing {
  const ids = new RunIdGenerator();
  const processor = 'exporter' in options.export ? new SimpleSpanProcessor(options.export.exporter) : new BatchSpanProcessor(new WarningExporter(otlpExporter(options.export), options.logger));
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), idGenerator: ids, spanProcessors: [processor] });
  const tracer = provider.getTracer('weft');

  return {
    enabled: true,
    nodeAttempt(attempt: NodeAttempt): NodeAttemptSpan {
      const parent = trace.setSpanContext(ROOT_CONTEXT, { traceId: runTraceId(attempt.runId), spanId: runSpanId(attempt.runId), traceFlags: TraceFlags.SAMPLED, isRemote: true });
      const attributes: Attributes = {
        'weft.workspace.id': attempt.workspaceId,
        'weft.run.id': attempt.runId,
        'weft.node.id': attempt.nodeId,
        'weft.node.type': attempt.nodeType,
        'weft.attempt': attempt.attempt,
        'weft.worker.id': attempt.workerId,
      };
      const span = tracer.startSpan(`node ${attempt.nodeType}`, { kind: SpanKind.INTERNAL, attributes }, parent);
      return {
        nodeFailed: (error) => failed(span, error),
        end(outcome, error) {
          span.setAttribute('weft.outcome', outcome);
          if (error !== undefined) {
            span.recordException(error instanceof Error ? error : textOf(error));
            span.setStatus({ code: SpanStatusCode.ERROR, message: textOf(error) });
          }
          span.end();
        },
      };
    },
    runFinished(run: FinishedRun): void {
      ids.next = { traceId: runTraceId(run.runId), spanId: runSpanId(run.runId) };
      let span: Span;
      try {
        span = tracer.startSpan(`run ${run.workflowId}`, {
          root: true,
          startTime: new Date(run.startedAt),
          attributes: {
            'weft.workspace.id': run.workspaceId,
            'weft.run.id': run.runId,
            'weft.workflow.id': run.workflowId,
            'weft.workflow.version': run.workflowVersion,
            'weft.outcome': run.status,
            ...(run.trigger ? { 'weft.trigger': run.trigger } : {}),
          },
        }, ROOT_CONTEXT);
      } finally {
        ids.next = undefined;
      }
      if (run.error) failed(span, run.error);
      span.end(new Date(run.finishedAt));
    },
    async shutdown(): Promise<void> {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.shutdownTimeoutMs ?? 2000).unref());
      await Promise.race([provider.shutdown().catch((error: unknown) => options.logger.warn('trace export at shutdown failed', { error: String(error) })), timeout]);
    },
  };
}

const textOf = (error: unknown): string => (error instanceof Error ? error.message : typeof error === 'string' ? error : (JSON.stringify(error) ?? 'unknown error'));

function failed(span: Span, error: { code: string; message: string }): void {
  span.addEvent('exception', { 'exception.type': error.code, 'exception.message': error.message });
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${error.code}: ${error.message}` });
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: traces go to its `/v1/traces`. */
function otlpExporter({ endpoint, headers }: { endpoint: string; headers?: Record<string, string> }): SpanExporter {
  return new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces`, headers: headers ?? {} });
}

/** `ExportResultCode.SUCCESS` of @opentelemetry/core. */
const EXPORT_SUCCESS = 0;

/** Says when exports fail (a collector down or refusing), at most once a minute; spans that could not be sent are dropped. */
class WarningExporter implements SpanExporter {
  private warnedAt = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly logger: Logger,
  ) {}

  export(spans: Parameters<SpanExporter['export']>[0], done: Parameters<SpanExporter['export']>[1]): void {
    this.inner.export(spans, (result) => {
      if (result.error !== undefined || Number(result.code) !== EXPORT_SUCCESS) {
        if (Date.now() - this.warnedAt > 60_000) {
          this.warnedAt = Date.now();
          this.logger.warn('trace export failed; spans dropped', { spans: spans.length, error: String(result.error ?? 'export failed') });
        }
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
