import type { AddressInfo } from 'node:net';
import { createClient, type Client, type Sink } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subscribeSafely } from './subscribe-safely';

/**
 * A graphql-transport-ws server of a few lines: `subscription { ending }` gets its last
 * `next` and its `complete` in one TCP write (what a busy API sends), `subscription { live }`
 * stays open and is pushed to on demand.
 */
function startServer() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'graphql-transport-ws' });
  const live: { socket: WebSocket; id: string }[] = [];
  const completedByClient: string[] = [];
  wss.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const message = JSON.parse((raw as Buffer).toString('utf8')) as { type: string; id?: string; payload?: { query: string } };
      if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
      if (message.type === 'complete') completedByClient.push(message.id!);
      if (message.type !== 'subscribe') return;
      if (!message.payload!.query.includes('ending')) return void live.push({ socket, id: message.id! });
      const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
      tcp.cork();
      socket.send(JSON.stringify({ type: 'next', id: message.id, payload: { data: { ending: 'last' } } }));
      socket.send(JSON.stringify({ type: 'complete', id: message.id }));
      process.nextTick(() => tcp.uncork());
    });
  });
  return {
    url: () => `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    pushLive: (value: string) => live.forEach(({ socket, id }) => socket.send(JSON.stringify({ type: 'next', id, payload: { data: { live: value } } }))),
    live,
    completedByClient,
    close: () => new Promise<void>((resolve) => { wss.clients.forEach((c) => c.terminate()); wss.close(() => resolve()); }),
  };
}

type Recorded = { values: unknown[]; completed: boolean; errors: unknown[] };
const recorder = (): Recorded & Sink<{ data?: unknown }> => {
  const recorded: Recorded = { values: [], completed: false, errors: [] };
  return Object.assign(recorded, { next: (v: { data?: unknown }) => void recorded.values.push(v.data), error: (e: unknown) => void recorded.errors.push(e), complete: () => void (recorded.completed = true) });
};
const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe('subscribeSafely', () => {
  let server: ReturnType<typeof startServer>;
  let client: Client;

  beforeEach(async () => {
    server = startServer();
    await new Promise((resolve) => setTimeout(resolve, 10));
    client = createClient({ url: server.url(), webSocketImpl: WebSocket, retryAttempts: 0 });
  });
  afterEach(async () => {
    await client.dispose();
    await server.close();
  });

  /** Subscribes `live`, then `ending` unsubscribing as its last value arrives. */
  async function endOneWhileAnotherRuns(unsubscribeOnLast: (sink: Sink<{ data?: unknown }>, subscribe: (s: Sink<{ data?: unknown }>) => () => void) => void) {
    const live = recorder();
    client.subscribe({ query: 'subscription { live }' }, live);
    while (server.live.length === 0) await settle(5);
    const ending = recorder();
    await new Promise<void>((resolve) => unsubscribeOnLast(Object.assign(ending, { complete: () => { ending.completed = true; resolve(); } }), (sink) => client.subscribe({ query: 'subscription { ending }' }, sink)));
    await settle();
    server.pushLive('still here');
    await settle();
    return { live, ending };
  }

  it('reproduces the hazard with the plain client: unsubscribing as the server completes ends the other operations on the socket', async () => {
    // If this starts failing, graphql-ws fixed its operation count and subscribeSafely can go.
    const { live } = await endOneWhileAnotherRuns((sink, subscribe) => {
      const unsubscribe = subscribe({ ...sink, next: (value) => { sink.next(value); unsubscribe(); } });
    });
    expect(live.completed).toBe(true);
    expect(live.values).toEqual([]);
  });

  it('keeps the other operations on the socket running when an operation is unsubscribed as the server completes it', async () => {
    const { live, ending } = await endOneWhileAnotherRuns((sink) => {
      const unsubscribe = subscribeSafely(client, { query: 'subscription { ending }' }, { ...sink, next: (value) => { sink.next(value); unsubscribe(); } });
    });
    expect(ending.values).toEqual([{ ending: 'last' }]);
    expect(live.completed).toBe(false);
    expect(live.errors).toEqual([]);
    expect(live.values).toEqual([{ live: 'still here' }]);
  });

  it('unsubscribes for real, once, and delivers nothing after it is asked to', async () => {
    const live = recorder();
    const unsubscribe = subscribeSafely(client, { query: 'subscription { live }' }, live);
    while (server.live.length === 0) await settle(5);
    unsubscribe();
    server.pushLive('too late'); // may arrive before the deferred unsubscribe goes out
    unsubscribe();
    await settle();
    expect(server.completedByClient).toEqual([server.live[0]!.id]);
    expect(live.values).toEqual([]);
  });
});
