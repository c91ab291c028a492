import { Redis } from 'ioredis';
import pg from 'pg';

export type PostgresCeiling = { synchronousCommit: string; fsync: string; walSyncMethod: string; seconds: number; commitsPerSec: { c1: number; c8: number } };
export type RedisCeiling = { seconds: number; roundTripsPerSec: number; pipelinedPerSec: number };
export type Ceilings = { postgres: PostgresCeiling; redis: RedisCeiling };

/**
 * The best of several measurements, figure by figure: this machine's disk and CPU vary
 * from one second to the next, and a ceiling is what the machine can do at best.
 */
export function bestOf(samples: Ceilings[]): Ceilings {
  const max = (pick: (c: Ceilings) => number) => Math.max(...samples.map(pick));
  const first = samples[0]!;
  return {
    postgres: { ...first.postgres, commitsPerSec: { c1: max((c) => c.postgres.commitsPerSec.c1), c8: max((c) => c.postgres.commitsPerSec.c8) } },
    redis: { ...first.redis, roundTripsPerSec: max((c) => c.redis.roundTripsPerSec), pipelinedPerSec: max((c) => c.redis.pipelinedPerSec) },
  };
}

/** Both ceilings, one after the other. */
export async function measureCeilings(databaseUrl: string, redisUrl: string, prefix: string, seconds: number): Promise<Ceilings> {
  return { postgres: await measurePostgres(databaseUrl, seconds), redis: await measureRedis(redisUrl, prefix, seconds) };
}

const SCRATCH_TABLE = 'bench_scratch_commits';

async function show(client: pg.Client, setting: string): Promise<string> {
  const result = await client.query<Record<string, string>>(`SHOW ${setting}`);
  return result.rows[0]?.[setting] ?? '?';
}

/** Single-row autocommit INSERTs per second over `connections` connections for `seconds`, into a scratch table. */
async function commitsPerSec(url: string, connections: number, seconds: number): Promise<number> {
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const until = performance.now() + seconds * 1000;
    let commits = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < until) {
          await client.query(`INSERT INTO ${SCRATCH_TABLE} (payload) VALUES ($1)`, ['x'.repeat(100)]);
          commits++;
        }
      }),
    );
    return Math.round(commits / ((performance.now() - started) / 1000));
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** PostgreSQL commits per second with 1 and 8 connections, with the server's own durability settings. */
export async function measurePostgres(url: string, seconds: number): Promise<PostgresCeiling> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const settings = { synchronousCommit: await show(admin, 'synchronous_commit'), fsync: await show(admin, 'fsync'), walSyncMethod: await show(admin, 'wal_sync_method') };
    await admin.query(`CREATE TABLE IF NOT EXISTS ${SCRATCH_TABLE} (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
    const c1 = await commitsPerSec(url, 1, seconds);
    const c8 = await commitsPerSec(url, 8, seconds);
    await admin.query(`DROP TABLE ${SCRATCH_TABLE}`);
    return { ...settings, seconds, commitsPerSec: { c1, c8 } };
  } finally {
    await admin.end();
  }
}

type StreamReply = [key: string, entries: [id: string, fields: string[] | null][]][] | null;

/** Ids of the entries in an XREADGROUP reply (RESP2 shape, as ioredis's typed call returns it). */
const idsOf = (reply: StreamReply): string[] => (reply ?? []).flatMap(([, entries]) => entries.map(([id]) => id));

/**
 * Redis round trips per second on a scratch stream: a producer XADDs one message, a
 * consumer-group reader (blocking XREADGROUP) receives and XACKs it, then the next one
 * is sent. The pipelined variant keeps up to 500 messages in flight in batches of 100.
 */
export async function measureRedis(redisUrl: string, prefix: string, seconds: number): Promise<RedisCeiling> {
  const producer = new Redis(redisUrl);
  const consumer = new Redis(redisUrl);
  const key = `${prefix}scratch:ceiling`;
  try {
    const roundTripsPerSec = await serialRoundTrips(producer, consumer, key, seconds);
    await producer.del(key);
    const pipelinedPerSec = await pipelinedRoundTrips(producer, consumer, key, seconds);
    await producer.del(key);
    return { seconds, roundTripsPerSec, pipelinedPerSec };
  } finally {
    producer.disconnect();
    consumer.disconnect();
  }
}

async function serialRoundTrips(producer: Redis, consumer: Redis, key: string, seconds: number): Promise<number> {
  await producer.xgroup('CREATE', key, 'bench', '$', 'MKSTREAM');
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let trips = 0;
  while (performance.now() < until) {
    const [, reply] = await Promise.all([
      producer.xadd(key, '*', 'n', String(trips)),
      consumer.xreadgroup('GROUP', 'bench', 'c1', 'COUNT', 1, 'BLOCK', 1000, 'STREAMS', key, '>') as Promise<StreamReply>,
    ]);
    const ids = idsOf(reply);
    if (ids.length !== 1) throw new Error(`redis ceiling: expected one message, got ${ids.length}`);
    await consumer.xack(key, 'bench', ...ids);
    trips++;
  }
  return Math.round(trips / ((performance.now() - started) / 1000));
}

async function pipelinedRoundTrips(producer: Redis, consumer: Redis, key: string, seconds: number): Promise<number> {
  await producer.xgroup('CREATE', key, 'bench', '$', 'MKSTREAM');
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let sent = 0;
  let acked = 0;
  const produce = async () => {
    while (performance.now() < until) {
      if (sent - acked >= 500) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const batch = producer.pipeline();
      for (let i = 0; i < 100; i++) batch.xadd(key, '*', 'n', String(sent + i));
      await batch.exec();
      sent += 100;
    }
  };
  const consume = async () => {
    while (performance.now() < until || acked < sent) {
      const ids = idsOf(await consumer.xreadgroup('GROUP', 'bench', 'c1', 'COUNT', 100, 'BLOCK', 100, 'STREAMS', key, '>'));
      if (ids.length) await consumer.xack(key, 'bench', ...ids);
      acked += ids.length;
      if (ids.length === 0 && performance.now() >= until) break;
    }
  };
  await Promise.all([produce(), consume()]);
  return Math.round(acked / ((performance.now() - started) / 1000));
}
