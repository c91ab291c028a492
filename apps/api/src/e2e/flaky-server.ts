import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A customer API stand-in: `/flaky/<key>?fail=n` answers 503 n times per key, then 200; `/fail` always 503; `/hang` never answers. */
export async function startFlakyServer() {
  const calls = new Map<string, number>();
  const state = { hanging: 0, aborted: 0 };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/hang') {
      state.hanging += 1;
      request.on('close', () => (state.aborted += 1));
      return;
    }
    const count = (calls.get(url.pathname) ?? 0) + 1;
    calls.set(url.pathname, count);
    const failures = url.pathname === '/fail' ? Infinity : Number(url.searchParams.get('fail') ?? 0);
    if (count <= failures) response.writeHead(503).end('busy');
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ call: count }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    calls: (path: string) => calls.get(path) ?? 0,
    state,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
