import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { Platform } from '../runtime/platform.js';
import { handleHealthRequest, healthSource } from './health-routes.js';

/** Serves /healthz, /readyz and /metrics for a process without the API (worker, relay, projector, scheduler roles). */
export async function startHealthServer(platform: Pick<Platform, 'health' | 'metrics'>, port: number, logger: Logger): Promise<{ port: number; close(): Promise<void> }> {
  const source = healthSource(platform);
  const server: Server = createServer((request, response) => {
    handleHealthRequest(source, request, response)
      .then((handled) => {
        if (!handled) {
          response.writeHead(404, { 'content-type': 'text/plain' });
          response.end('not found: /healthz, /readyz and /metrics are served here');
        }
      })
      .catch((error: unknown) => {
        logger.warn('health request failed', { error: String(error) });
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
