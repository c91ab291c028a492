import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgEventStore } from '../pg-event-store.js';
import type { StoredEvent } from '../types.js';
import { readCheckpoint, readTailLag, resetCheckpoint } from './checkpoint.js';
import { collectInto, memoryLogger, ofStreams, waitFor } from './tailer.test-helpers.js';
import { startTailer } from './tailer.js';
import type { Tailer, TailerOptions } from './tailer.types.js';

describe('tailer', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let store: PgEventStore;
  const running: Tailer[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 10 });
    store = new PgEventStore(pool);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((t) => t.stop()));
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  const start = (options: Omit<TailerOptions, 'pool'>): Tailer => {
    const tailer = startTailer({ pool, idlePollMs: 200, lockRetryMs: 50, backoff: { initialMs: 20, maxMs: 200 }, logger: memoryLogger(), ...options });
    running.push(tailer);
    return tailer;
  };
  /** Appends `count` single-event commits to one stream; returns the event ids in order. */
  const appendMany = async (streamId: string, count: number, fromVersion = 0): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const eventId = randomUUID();
      await store.append(streamId, [{ type: 'node.completed', data: { i }, eventId }], { expectedVersion: fromVersion + i, streamType: 'run', workspaceId: 'ws' });
      ids.push(eventId);
    }
    return ids;
  };

  it('delivers appended events in order and saves its checkpoint after each batch', async () => {
    const prefix = `run-${randomUUID()}`;
    const seen: StoredEvent[] = [];
    const tailer = start({ name: `t-${prefix}`, batchSize: 3, handle: collectInto(seen, prefix) });
    const ids = await appendMany(prefix, 10);
    await waitFor('10 events', () => seen.length === 10);
    expect(seen.map((e) => e.eventId)).toEqual(ids);
    expect(tailer.active).toBe(true);
    await waitFor('checkpoint', async () => (await readCheckpoint(pool, tailer.name)).globalPosition === seen[9]!.globalPosition);
    expect(await readTailLag(pool, tailer.name)).toMatchObject({ lag: 0, checkpointPosition: seen[9]!.globalPosition });
  });

  it('resumes from its checkpoint after stop and start, and replays all after a reset', async () => {
    const prefix = `run-${randomUUID()}`;
    const name = `t-${prefix}`;
    const seen: StoredEvent[] = [];
    const handle = collectInto(seen, prefix);
    const first = start({ name, handle });
    const before = await appendMany(prefix, 5);
    await waitFor('first 5', () => seen.length === 5);
    await first.stop();
    expect(first.active).toBe(false);

    const whileStopped = await appendMany(prefix, 5, 5);
    start({ name, handle });
    await waitFor('next 5', () => seen.length === 10);
    expect(seen.map((e) => e.eventId)).toEqual([...before, ...whileStopped]);

    await Promise.all(running.splice(0).map((t) => t.stop()));
    await resetCheckpoint(pool, name);
    expect(await readCheckpoint(pool, name)).toEqual({ transactionId: '0', globalPosition: 0 });
    seen.length = 0;
    start({ name, handle });
    await waitFor('replay from position 0', () => seen.length === 10);
    expect(seen.map((e) => e.eventId)).toEqual([...before, ...whileStopped]);
  });

  it('notices a reset made while it runs and replays from position 0 instead of overwriting it', async () => {
    const prefix = `run-${randomUUID()}`;
    const name = `t-${prefix}`;
    const seen: StoredEvent[] = [];
    start({ name, handle: collectInto(seen, prefix) });
    const first = await appendMany(prefix, 3);
    await waitFor('first 3', () => seen.length === 3);
    await waitFor('checkpoint saved', async () => (await readCheckpoint(pool, name)).globalPosition === seen[2]!.globalPosition);
    await resetCheckpoint(pool, name);
    const more = await appendMany(prefix, 2, 3);
    const all = [...first, ...more];
    // Whatever it handled between the reset and its next save, it then replays the whole log in order.
    await waitFor('a replay of all 5 from position 0', () => seen.slice(-5).map((e) => e.eventId).join() === all.join() && seen.length > 5);
    expect(seen.slice(3, -5).every((e) => more.includes(e.eventId))).toBe(true);
  });

  it('lets one of two same-name tailers handle at a time, and hands over without gaps or duplicates', async () => {
    const prefix = `run-${randomUUID()}`;
    const name = `t-${prefix}`;
    const handledBy: Array<{ tailer: string; eventId: string }> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const handler = (tailer: string) => async (events: StoredEvent[]) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const e of ofStreams(events, prefix)) handledBy.push({ tailer, eventId: e.eventId });
      inFlight -= 1;
    };
    const a = start({ name, batchSize: 4, handle: handler('a') });
    await waitFor('a active', () => a.active);
    const b = start({ name, batchSize: 4, handle: handler('b') });
    const firstIds = await appendMany(prefix, 20);
    await waitFor('first 20', () => handledBy.length === 20);
    expect(b.active).toBe(false);

    const stopping = a.stop();
    const secondIds = await appendMany(prefix, 20, 20);
    await stopping;
    await waitFor('b takes over', () => b.active);
    await waitFor('all 40', () => handledBy.length >= 40);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(maxInFlight).toBe(1);
    expect(handledBy.map((h) => h.eventId)).toEqual([...firstIds, ...secondIds]);
    expect(handledBy.slice(0, 20).every((h) => h.tailer === 'a')).toBe(true);
    expect(handledBy.some((h) => h.tailer === 'b')).toBe(true);
    expect(handledBy.findIndex((h) => h.tailer === 'b')).toBeGreaterThanOrEqual(20);
    expect(handledBy.slice(handledBy.findIndex((h) => h.tailer === 'b')).every((h) => h.tailer === 'b')).toBe(true);
  });

  it('hands the same batch again when the handler throws', async () => {
    const prefix = `run-${randomUUID()}`;
    const calls: string[][] = [];
    const logger = memoryLogger();
    const name = `t-${prefix}`;
    const tailer = start({
      name,
      logger,
      handle: async (events) => {
        const mine = ofStreams(events, prefix);
        if (mine.length === 0) return;
        calls.push(mine.map((e) => e.eventId));
        if (calls.length === 1) {
          expect((await readCheckpoint(pool, name)).globalPosition).toBeLessThan(mine[0]!.globalPosition);
          throw new Error('projection database hiccup');
        }
      },
    });
    const appended = await store.append(prefix, [{ type: 'a', data: 1 }, { type: 'b', data: 2 }, { type: 'c', data: 3 }], { expectedVersion: 0, streamType: 'run', workspaceId: 'ws' });
    await waitFor('the retry', () => calls.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(appended.status).toBe('appended');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[0]).toHaveLength(3);
    expect(logger.lines.some((l) => l.startsWith('error') && l.includes('handler failed'))).toBe(true);
    await waitFor('checkpoint after the retry', async () => (await readCheckpoint(pool, tailer.name)).globalPosition > 0);
  });

  it('reconnects and carries on when its PostgreSQL connection is killed', async () => {
    const prefix = `run-${randomUUID()}`;
    const name = `t-${prefix}`;
    const seen: StoredEvent[] = [];
    const logger = memoryLogger();
    const tailer = start({ name, logger, handle: collectInto(seen, prefix) });
    const before = await appendMany(prefix, 3);
    await waitFor('first 3', () => seen.length === 3);

    const killed = await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`weft-tailer:${name}`]);
    expect(killed.rowCount).toBe(1);
    const after = await appendMany(prefix, 3, 3);
    await waitFor('3 more after the reconnect', () => seen.length >= 6);
    expect(seen.map((e) => e.eventId)).toEqual([...before, ...after]);
    await waitFor('active again', () => tailer.active);
    expect(logger.lines.some((line) => line.includes('reconnecting') || line.includes('connection error'))).toBe(true);
  });
});
