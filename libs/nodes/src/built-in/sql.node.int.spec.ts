import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '@weft/testing';
import type { NodeCredentials } from '../credentials/node-credential.js';
import { createHostGuard } from '../host-guard/host-guard.js';
import { validateUnresolvedConfig } from '../registry.js';
import { failure } from '../test-support/expect-failure.js';
import { memoryLogger, runNode, testServices } from '../test-support/run-node.js';
import { sqlNode } from './sql.node.js';

const PASSWORD = 'pg-s3cret-canary';
const services = testServices({ guardHost: createHostGuard({ allow: ['127.0.0.1'] }) });

let env: TestEnv;
let admin: pg.Client;
let credentials: NodeCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  admin = new pg.Client({ connectionString: env.databaseUrl });
  await admin.connect();
  await admin.query('CREATE SCHEMA etl; CREATE TABLE etl.items (id int PRIMARY KEY, name text NOT NULL, at timestamptz, big bigint, data bytea, tags jsonb)');
  const url = new URL(env.databaseUrl);
  url.password = PASSWORD; // trust auth here: accepted, and must never show
  credentials = { pg: { id: 'pg', type: 'postgres', values: { connectionString: url.toString() } } };
});
afterAll(async () => {
  await admin.end();
  await env.cleanup();
});

const sql = (query: string, extra: Record<string, unknown> = {}) => ({ credentialId: 'pg', query, ...extra }) as Parameters<typeof runNode>[1];
const run = (config: Parameters<typeof runNode>[1], options: Parameters<typeof runNode>[2] = {}) => runNode(sqlNode, config, { credentials, services, ...options });

describe('sql node', () => {
  it('writes with bound, templated params (idempotent with ON CONFLICT) and reads rows as JSON', async () => {
    const insert = sql('INSERT INTO etl.items (id, name, at, big, data, tags) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING', {
      mode: 'execute',
      params: ['{{ id }}', "{{ name & '!' }}", '2030-01-01T00:00:00Z', '9007199254740993', '\\x0102', { a: [1] }],
    });
    expect(await run(insert, { input: { id: 1, name: "Ada'; DROP TABLE etl.items; --" } })).toEqual({ kind: 'completed', output: { rowCount: 1 } });
    expect(await run(insert, { input: { id: 1, name: 'again' } })).toEqual({ kind: 'completed', output: { rowCount: 0 } });
    const result = await run(sql('SELECT id, name, at, big, data, tags FROM etl.items WHERE id = $1', { params: [1] }));
    expect(result).toEqual({
      kind: 'completed',
      output: { rows: [{ id: 1, name: "Ada'; DROP TABLE etl.items; --!", at: '2030-01-01T00:00:00.000Z', big: '9007199254740993', data: '\\x0102', tags: { a: [1] } }], rowCount: 1, truncated: false },
    });
  });

  it('keeps the query as written (never template-resolved) and truncates at maxRows', async () => {
    expect(await run(sql("SELECT '{{ secret }}' AS t"), { input: { secret: 'x' } })).toMatchObject({ output: { rows: [{ t: '{{ secret }}' }] } });
    expect(await run(sql('SELECT g FROM generate_series(1, 5) g', { maxRows: 2 }))).toEqual({ kind: 'completed', output: { rows: [{ g: 1 }, { g: 2 }], rowCount: 5, truncated: true } });
    expect(validateUnresolvedConfig(sqlNode, sql('SELECT {{ nope', { maxRows: 100_001, mode: 'all' })).map((issue) => issue.field)).toEqual(['mode', 'maxRows']);
  });

  it('fails without retry on syntax errors, constraint violations and several statements, naming the SQLSTATE', async () => {
    expect(await failure(run(sql('SELEC 1')))).toMatchObject({ code: 'EXECUTION', retryable: false, message: expect.stringMatching(/^PostgreSQL failed: syntax error .*\(SQLSTATE 42601\)$/) as unknown });
    await run(sql("INSERT INTO etl.items (id, name) VALUES (2, 'b')", { mode: 'execute' }));
    expect(await failure(run(sql("INSERT INTO etl.items (id, name) VALUES (2, 'b')", { mode: 'execute' })))).toMatchObject({ retryable: false, message: expect.stringMatching(/duplicate key.*SQLSTATE 23505/) as unknown });
    expect(await failure(run(sql('SELECT 1; DROP TABLE etl.items')))).toMatchObject({ retryable: false, message: expect.stringMatching(/multiple commands/) as unknown });
  });

  it('retries serialization failures, deadlocks and refused connections', async () => {
    for (const state of ['40001', '40P01']) {
      const error = await failure(run(sql(`DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '${state}'; END $$`, { mode: 'execute' })));
      expect(error).toMatchObject({ code: 'EXECUTION', retryable: true, message: `PostgreSQL failed: conflict (SQLSTATE ${state})` });
    }
    const refused = { pg: { id: 'pg', type: 'generic' as const, values: { host: '127.0.0.1', port: '1', database: 'x', user: 'postgres' } } };
    expect(await failure(run(sql('SELECT 1'), { credentials: refused }))).toMatchObject({ retryable: true, message: 'PostgreSQL failed: ECONNREFUSED' });
  });

  it('never shows the password, even when PostgreSQL echoes it', async () => {
    const log = memoryLogger();
    const error = await failure(run(sql('SELECT $1::int', { params: [PASSWORD] }), { log }));
    expect(error.message).toMatch(/invalid input syntax for type integer.*\[REDACTED\].*22P02/);
    expect(JSON.stringify({ error: error.message, log: log.entries })).not.toContain(PASSWORD);
    expect(JSON.stringify(await run(sql('SELECT $1::text AS echoed', { params: [PASSWORD] })))).not.toContain(PASSWORD);
  });

  it('times out with statement_timeout and cancels the statement on abort', async () => {
    expect(await failure(run(sql('SELECT pg_sleep(5)', { timeoutMs: 200 })))).toMatchObject({ code: 'TIMEOUT', retryable: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    expect(await failure(run(sql("SELECT pg_sleep(20) AS weft_abort_probe"), { signal: controller.signal }))).toMatchObject({ code: 'ABORTED' });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(async () => (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%weft_abort_probe%' AND pid <> pg_backend_pid()")).rows[0]!.n).toBe(0);
  });

  it('refuses a private database host that is not allow-listed, and Unix sockets', async () => {
    expect(await failure(run(sql('SELECT 1'), { services: testServices({ guardHost: createHostGuard() }) }))).toMatchObject({ retryable: false, message: expect.stringMatching(/^PostgreSQL: Blocked request to .*not allow-listed/) as unknown });
    const socket = { pg: { id: 'pg', type: 'generic' as const, values: { connectionString: 'postgres://u@localhost/db?host=/var/run/postgresql' } } };
    expect(await failure(run(sql('SELECT 1'), { credentials: socket }))).toMatchObject({ code: 'CONFIG', message: expect.stringMatching(/Unix socket/) as unknown });
  });
});
