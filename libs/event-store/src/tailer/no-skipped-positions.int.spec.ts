import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../types.js';
import { collectInto, memoryLogger, waitFor } from './tailer.test-helpers.js';
import { startTailer } from './tailer.js';

const WRITERS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects, retrying while the server is at max_connections (other test files share it). */
async function connect(databaseUrl: string): Promise<pg.Client> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      return client;
    } catch (error) {
      if ((error as { code?: string }).code !== '53300' || attempt > 50) throw error;
      await sleep(100);
    }
  }
}

describe('tailer under concurrent commits', () => {
  let env: TestEnv;
  let pool: pg.Pool;

  beforeAll(async () => {
    env = await createTestEnv();
    pool = new pg.Pool({ connectionString: env.databaseUrl, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  });

  it('delivers every committed event exactly once and no rolled-back one, though positions become visible out of order', async () => {
    const prefix = `run-${randomUUID()}`;
    const received: StoredEvent[] = [];
    const logger = memoryLogger();
    const tailer = startTailer({ pool, name: 'no-skip', batchSize: 7, idlePollMs: 20, logger, handle: collectInto(received, prefix) });

    // A naive reader (global_position > last seen, no snapshot guard) polls alongside:
    // it proves this test really makes positions appear out of order.
    const naiveSeen = new Set<string>();
    let naiveRunning = true;
    const naive = (async () => {
      let last = 0;
      while (naiveRunning) {
        const { rows } = await pool.query<{ event_id: string; global_position: string }>(
          'SELECT event_id::text, global_position::text FROM events WHERE global_position > $1 AND stream_id LIKE $2 ORDER BY global_position',
          [last, `${prefix}%`],
        );
        for (const row of rows) naiveSeen.add(row.event_id);
        last = Math.max(last, ...rows.map((r) => Number(r.global_position)));
        await sleep(2);
      }
    })();

    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        await sleep(Math.random() * 50);
        const client = await connect(env.databaseUrl);
        try {
          const streamId = `${prefix}-${writer}`;
          const ids = Array.from({ length: 1 + (writer % 3) }, () => randomUUID());
          await client.query('BEGIN');
          await client.query('SELECT * FROM weft_append_events($1, $2, $3, $4, $5, $6, $7::jsonb)', [
            streamId,
            'run',
            'ws',
            0,
            null,
            false,
            JSON.stringify(ids.map((eventId, i) => ({ eventId, type: 'node.completed', data: { writer, i } }))),
          ]);
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.2]);
          const rollback = writer % 5 === 0;
          await client.query(rollback ? 'ROLLBACK' : 'COMMIT');
          for (const id of ids) (rollback ? rolledBack : committed).add(id);
        } finally {
          await client.end();
        }
      }),
    );

    await waitFor('every committed event', () => received.length >= committed.size, 20_000);
    await sleep(300); // anything extra (a duplicate, a rolled-back event) would arrive now
    naiveRunning = false;
    await naive;
    await tailer.stop();

    const ids = received.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(committed);
    expect(ids.filter((id) => rolledBack.has(id))).toEqual([]);
    expect(committed.size).toBeGreaterThan(50);
    expect(logger.lines.filter((line) => line.startsWith('error'))).toEqual([]);
    // Handed over in (transaction id, position) order.
    const order = received.map((e) => [BigInt(e.transactionId), e.globalPosition] as const);
    expect(order.every(([tx, pos], i) => i === 0 || tx > order[i - 1]![0] || (tx === order[i - 1]![0] && pos > order[i - 1]![1]))).toBe(true);
    expect([...committed].filter((id) => !naiveSeen.has(id)).length).toBeGreaterThan(0);
  });
});
