import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Platform } from '../runtime/platform.js';
import type { Readiness } from './readiness.js';

/** What a process exposes to its orchestrator: liveness, readiness and Prometheus metrics. */
export type HealthSource = {
  readiness(): Promise<Readiness>;
  /** Prometheus text exposition, with its content type. */
  metrics(): Promise<{ contentType: string; body: string }>;
};

export const healthSource = (platform: Pick<Platform, 'health' | 'metrics'>): HealthSource => ({
  readiness: () => platform.health.readiness(),
  metrics: () => platform.metrics.exposition(),
});

export const HEALTH_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

/** Whether `handleHealthRequest` answers this request: checked synchronously, so other requests pass on at once. */
export function isHealthRequest(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  return (HEALTH_PATHS as readonly string[]).includes((request.url ?? '/').split('?')[0]!);
}

/**
 * Answers `GET /healthz` (200 while the event loop turns: liveness never depends on
 * PostgreSQL or Redis, so an outage does not restart every pod), `GET /readyz` (200 or
 * 503 with each dependency's check) and `GET /metrics`. Returns false for other paths.
 */
export async function handleHealthRequest(source: HealthSource, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (!isHealthRequest(request)) return false;
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
  } else if (path === '/readyz') {
    const readiness = await source.readiness();
    send(response, readiness.ready ? 200 : 503, 'application/json', JSON.stringify({ status: readiness.ready ? 'ready' : 'not ready', ...readiness }));
  } else if (path === '/metrics') {
    const { contentType, body } = await source.metrics();
    send(response, 200, contentType, body);
  } else {
    return false;
  }
  return true;
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}
