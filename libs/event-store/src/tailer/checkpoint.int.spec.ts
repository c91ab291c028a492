import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgEventStore } from '../pg-event-store.js';
import type { StoredEvent, TailCheckpoint } from '../types.js';
import { advanceCheckpointAndPeek, LOG_START, readCheckpoint } from './checkpoint.js';
import { waitFor } from './tailer.test-helpers.js';

describe('advanceCheckpointAndPeek', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let store: PgEventStore;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 4 });
    store = new PgEventStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  const at = (event: StoredEvent): TailCheckpoint => ({ transactionId: event.transactionId, globalPosition: event.globalPosition });
  /** Appends `count` events in one commit and returns them once the log shows them. */
  const appendAndRead = async (count: number): Promise<StoredEvent[]> => {
    const streamId = `run-${randomUUID()}`;
    await store.append(streamId, Array.from({ length: count }, (_, i) => ({ type: 'node.completed', data: { i } })), { expectedVersion: 0, streamType: 'run', workspaceId: 'ws' });
    let mine: StoredEvent[] = [];
    await waitFor('the events to be readable', async () => (mine = (await store.readAfter(LOG_START, 10_000)).filter((e) => e.streamId === streamId)).length === count);
    return mine;
  };

  it('saves the checkpoint and tells whether any event follows it', async () => {
    const name = `t-${randomUUID()}`;
    const [first, second, third] = await appendAndRead(3);
    expect(await advanceCheckpointAndPeek(pool, name, LOG_START, at(first!))).toEqual({ advanced: true, more: true }); // no row yet: inserted
    expect(await advanceCheckpointAndPeek(pool, name, at(first!), at(second!))).toEqual({ advanced: true, more: true });
    expect(await advanceCheckpointAndPeek(pool, name, at(second!), at(third!))).toEqual({ advanced: true, more: false });
    expect(await readCheckpoint(pool, name)).toEqual(at(third!));
  });

  it('changes nothing when someone else moved the checkpoint, and says to read again', async () => {
    const name = `t-${randomUUID()}`;
    const [first, second] = await appendAndRead(2);
    await advanceCheckpointAndPeek(pool, name, LOG_START, at(second!));
    expect(await advanceCheckpointAndPeek(pool, name, at(first!), at(first!))).toEqual({ advanced: false, more: true });
    expect(await readCheckpoint(pool, name)).toEqual(at(second!));
  });

  it('counts a committed event that an older open transaction still holds back from readers', async () => {
    const name = `t-${randomUUID()}`;
    const [last] = (await appendAndRead(1)).slice(-1);
    await advanceCheckpointAndPeek(pool, name, LOG_START, at(last!));
    const older = await pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()'); // an xid older than the append below
      const streamId = `run-${randomUUID()}`;
      await store.append(streamId, [{ type: 'node.completed', data: {} }], { expectedVersion: 0, streamType: 'run', workspaceId: 'ws' });
      expect((await store.readAfter(at(last!), 10)).filter((e) => e.streamId === streamId)).toEqual([]);
      expect(await advanceCheckpointAndPeek(pool, name, at(last!), at(last!))).toEqual({ advanced: true, more: true });
    } finally {
      await older.query('ROLLBACK');
      older.release();
    }
  });
});
