import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that never answers. It counts the requests it received,
 * those open now, and those whose client closed the connection (gave up).
 */
export type HangingServer = { url: string; received: number; open: number; closedByClient: number; close(): Promise<void> };

export async function startHangingServer(): Promise<HangingServer> {
  const state = { received: 0, open: 0, closedByClient: 0 };
  const server = http.createServer((_request, response) => {
    state.received += 1;
    state.open += 1;
    // Never answered, so a close is always the client's (or close() below).
    response.on('close', () => {
      state.open -= 1;
      state.closedByClient += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hang`,
    get received() {
      return state.received;
    },
    get open() {
      return state.open;
    },
    get closedByClient() {
      return state.closedByClient;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
