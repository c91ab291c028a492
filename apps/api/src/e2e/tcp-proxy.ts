import net from 'node:net';

/**
 * A TCP proxy in front of a server (Redis, PostgreSQL) that a test can break like a network:
 * `stall()` stops carrying bytes both ways while every connection stays open — a half-open
 * link, where nothing errors and nothing answers; `down()` resets every connection and
 * refuses new ones; `heal()` carries bytes again (what a stall held back is delivered, as
 * TCP would retransmit it).
 */
export type TcpProxy = { url(scheme: string, path?: string): string; port: number; stall(): void; down(): void; heal(): void; close(): Promise<void> };

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | 'stalled' | 'down' = 'open';
  type Pair = { client: net.Socket; upstream: net.Socket; held: [net.Socket, Buffer][] };
  const pairs = new Set<Pair>();
  const server = net.createServer((client) => {
    if (mode === 'down') return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    const pair: Pair = { client, upstream, held: [] };
    pairs.add(pair);
    // Bytes are read and acknowledged either way; while stalled they are held, not delivered.
    const carry = (to: net.Socket) => (chunk: Buffer) => {
      if (mode === 'stalled') pair.held.push([to, chunk]);
      else to.write(chunk);
    };
    client.on('data', carry(upstream));
    upstream.on('data', carry(client));
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (scheme, path = '') => `${scheme}://127.0.0.1:${port}${path}`,
    stall() {
      mode = 'stalled';
    },
    down() {
      mode = 'down';
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    heal() {
      mode = 'open';
      for (const pair of pairs) for (const [to, chunk] of pair.held.splice(0)) to.write(chunk);
    },
    close: () =>
      new Promise((resolve) => {
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
