import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server that answers every request after `delayMs`, counting requests in flight. */
export type SlowServer = { url: string; received: number; inFlight: number; close(): Promise<void> };

export async function startSlowServer(delayMs: number): Promise<SlowServer> {
  const state = { received: 0, inFlight: 0 };
  const server = http.createServer((request, response) => {
    state.received += 1;
    state.inFlight += 1;
    const timer = setTimeout(() => {
      state.inFlight -= 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, path: request.url }));
    }, delayMs);
    request.on('close', () => {
      if (!response.writableEnded) {
        clearTimeout(timer);
        state.inFlight -= 1;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    get received() {
      return state.received;
    },
    get inFlight() {
      return state.inFlight;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `condition` holds or fails after `timeoutMs` naming `what`. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
