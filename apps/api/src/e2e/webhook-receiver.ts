import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, and the status it answered. */
export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; receivedAt: number; answered: number };

/**
 * A customer's webhook endpoint stand-in. `answer(path, headers, count)` picks the status
 * for the `count`-th request (1-based) to `path`; 200 by default.
 */
export async function startWebhookReceiver(answer: (path: string, headers: http.IncomingHttpHeaders, count: number) => number = () => 200) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const count = (counts.get(path) ?? 0) + 1;
      counts.set(path, count);
      const status = answer(path, request.headers, count);
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now(), answered: status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'endpoint down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
