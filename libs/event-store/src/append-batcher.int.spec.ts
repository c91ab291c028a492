import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamWorkspaceMismatchError, WrongExpectedVersionError } from './event-store.errors.js';
import { PgEventStore } from './pg-event-store.js';
import type { AppendOptions } from './types.js';

// The append guarantees themselves are checked for both modes in pg-event-store.int.spec.ts.
describe('batched appends', () => {
  let env: TestEnv;
  let pool: pg.Pool;
  let store: PgEventStore;
  const run = (extra: Partial<AppendOptions> = {}): AppendOptions => ({ expectedVersion: 0, streamType: 'run', workspaceId: 'ws-1', ...extra });

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 4 });
    store = new PgEventStore(pool, { batchAppends: true });
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  it('commits the appends of one tick in one transaction, each with its own outcome', async () => {
    const streams = Array.from({ length: 5 }, () => `run-${randomUUID()}`);
    await store.append(streams[0]!, [{ type: 'a', data: {} }], run());
    const outcomes = await Promise.allSettled([
      ...streams.slice(1).map((id) => store.append(id, [{ type: 'b', data: {} }], run())),
      store.append(streams[0]!, [{ type: 'stale', data: {} }], run({ expectedVersion: 0 })),
      store.append(streams[0]!, [{ type: 'next', data: {} }], run({ expectedVersion: 1, workspaceId: 'ws-other' })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect((outcomes[4] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((outcomes[5] as PromiseRejectedResult).reason).toBeInstanceOf(StreamWorkspaceMismatchError);
    const { rows } = await pool.query<{ n: string }>('SELECT count(DISTINCT transaction_id)::text AS n FROM events WHERE stream_id = ANY($1)', [streams.slice(1)]);
    expect(rows[0]!.n).toBe('1');
    expect((await store.readStream(streams[0]!)).map((e) => e.type)).toEqual(['a']);
  });
});
