import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An API that wants `Authorization: Bearer <token>` and echoes what it got, in its body
 * and a header, so an output would carry the credential unless it is redacted.
 * `/echo?fail=1` answers 500 (after checking the header); a wrong header gets 401.
 */
export async function startCanaryServer(token: string) {
  const state = { authorized: 0, refused: 0 };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const authorization = request.headers.authorization ?? '';
    if (authorization !== `Bearer ${token}`) {
      state.refused += 1;
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized', got: authorization }));
      return;
    }
    state.authorized += 1;
    const status = url.searchParams.get('fail') === '1' ? 500 : 200;
    response.writeHead(status, { 'content-type': 'application/json', 'x-echo': authorization }).end(JSON.stringify({ youSent: authorization, token }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
