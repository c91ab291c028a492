import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the sink received: the Idempotency-Key header and the body. */
export type SinkHit = { key: string | undefined; body: string };

/**
 * A local HTTP API standing for a customer's system with side effects: it records every
 * request. Slow by `delayMs` so faults land while requests are in flight.
 */
export async function startSink(delayMs = 50) {
  const hits: SinkHit[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const key = request.headers['idempotency-key'];
      hits.push({ key: Array.isArray(key) ? key[0] : key, body });
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: true, n: hits.length })), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/effects`,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
