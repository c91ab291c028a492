import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../../../libs/nodes/src/test-support/http-server.js';
import { importShippedExample, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const CREATE = /* GraphQL */ `mutation ($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`;
const TRIGGERS = /* GraphQL */ `mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { id } }`;
const PAUSE = /* GraphQL */ `mutation ($w: ID!, $paused: Boolean!) { setTriggerPaused(workflowId: $w, triggerId: "nightly", paused: $paused) { id } }`;
const PAGE_SIZE = 2;
const line = (quantity: number, unitPrice: string) => ({ sku: `sku-${unitPrice}`, quantity, unitPrice });
/** The orders API's data: 5 orders on 3 pages; A-1004's customer does not exist. */
const orders = [
  { id: 'A-1001', customerId: 1, status: 'PAID', currency: 'eur', placedAt: '2025-03-01T10:00:00+01:00', lines: [line(2, '4.50'), line(1, '12.00')] },
  { id: 'A-1002', customerId: 2, status: 'pending', currency: 'EUR ', placedAt: '2025-03-02T08:30:00Z', lines: [line(1, '0.10'), line(3, '0.20')] },
  { id: 'A-1003', customerId: 1, status: ' Shipped', currency: 'gbp', placedAt: '2025-03-03T12:00:00-05:00', lines: [line(1, '19.99')] },
  { id: 'A-1004', customerId: 99, status: 'paid', currency: 'eur', placedAt: '2025-03-03T13:00:00Z', lines: [line(1, '1.00')] },
  { id: 'A-1005', customerId: 3, status: 'PAID', currency: 'usd', placedAt: '2025-03-04T00:00:00Z', lines: [line(5, '1.25')] },
];
const fact = (order_id: string, customer_id: number, customer_email: string, country: string, status: string, currency: string, item_count: number, total_cents: number, placedAt: string) => ({
  order_id, customer_id, customer_name: { 1: 'Ada Lovelace', 2: 'Bob', 3: 'Cy' }[customer_id], customer_email, country, status, currency, item_count, total_cents, placed_at: new Date(placedAt),
});
const FACTS = [
  fact('A-1001', 1, 'ada@example.com', 'GB', 'paid', 'EUR', 3, 2100, '2025-03-01T09:00:00Z'),
  fact('A-1002', 2, 'bob@example.com', 'FR', 'pending', 'EUR', 4, 70, '2025-03-02T08:30:00Z'),
  fact('A-1003', 1, 'ada@example.com', 'GB', 'shipped', 'GBP', 1, 1999, '2025-03-03T17:00:00Z'),
  fact('A-1005', 3, 'cy@example.com', 'DE', 'paid', 'USD', 5, 625, '2025-03-04T00:00:00Z'),
];
const REPORT = { ordersExtracted: 5, pages: 3, customersExtracted: 3, inserted: 0, updated: 0, unchanged: 4, unmatchedOrders: ['A-1004'] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Run = { status: string; output: unknown; error: unknown; fireTime: string };

describe('shipped example "etl": a scheduled, idempotent extract-transform-load against a paginated HTTP API and PostgreSQL', () => {
  const file = stackPerFile();
  let stack: Stack;
  let api: TestServer;
  let db: pg.Client;
  let workflowId: string;

  beforeAll(async () => {
    stack = file.stack;
    api = await startServer((request, response) => {
      const page = Number(new URL(request.url!, 'http://x').searchParams.get('page') ?? '1');
      const next = page * PAGE_SIZE < orders.length ? `/orders?page=${page + 1}` : null; // relative: resolved by the node
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ orders: orders.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), next }));
    });
    db = new pg.Client({ connectionString: file.env.databaseUrl });
    await db.connect();
    // The target table exactly as the example's README documents it.
    const readme = await readFile(path.resolve(import.meta.dirname, '../../../../examples/etl/README.md'), 'utf8');
    const targetDdl = /```sql\n(CREATE TABLE order_facts[\s\S]*?)```/.exec(readme)?.[1];
    expect(targetDdl).toBeDefined();
    await db.query(`CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL, country text NOT NULL);
      INSERT INTO customers VALUES (1, ' Ada Lovelace', 'Ada@Example.COM ', 'gb'), (2, 'Bob', 'bob@example.com', 'fr '), (3, 'Cy', 'CY@example.com', 'de');
      ${targetDdl}`);
    const postgres = async (name: string) => (await stack.ok<{ createCredential: { id: string } }>(CREATE, { input: { name, type: 'postgres', values: { connectionString: file.env.databaseUrl } } })).createCredential.id;
    const [sourceCredentialId, targetCredentialId] = [await postgres('Shop'), await postgres('Warehouse')];
    ({ workflowId } = await importShippedExample(stack, 'etl', { ordersApiUrl: `${api.origin}/orders`, sourceCredentialId, targetCredentialId, cron: '* * * * * *' }));
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  const runs = async (): Promise<Run[]> =>
    (await stack.platform.prisma.run.findMany({ where: { workflowId }, orderBy: { startedAt: 'asc' } })).map((run) => ({ status: run.status, output: run.output, error: run.error, fireTime: (run.trigger as { fireTime: string }).fireTime }));
  /**
   * Polls the runs until `done` says they are far enough; fails at once on a failed run. Runs may
   * overlap (one can take longer than the one-second schedule on a busy machine), so no phase
   * waits for a moment without a run in flight, except behind a paused or removed schedule.
   */
  const waitForRuns = async (done: (all: Run[]) => boolean): Promise<Run[]> => {
    for (const deadline = Date.now() + 45_000; ; await sleep(100)) {
      const all = await runs();
      const failed = all.find((run) => run.status === 'failed');
      if (failed) throw new Error(`a scheduled run failed: ${JSON.stringify(failed.error)}`);
      if (done(all)) return all;
      if (Date.now() > deadline) throw new Error(`runs not there yet: ${JSON.stringify(all.map((run) => [run.fireTime, run.status]))}`);
    }
  };
  const succeeded = (all: Run[], since: number) => all.filter((run) => run.status === 'succeeded' && Date.parse(run.fireTime) >= since);
  /** The reports of `count` (or more) succeeded runs fired at or after `since`. */
  const reportsSince = async (since: number, count: number) => succeeded(await waitForRuns((all) => succeeded(all, since).length >= count), since).map((run) => run.output as typeof REPORT);
  /** Every run finished: call behind a paused or removed schedule (after the projector caught up). */
  const settled = async () => {
    await sleep(1200);
    return waitForRuns((all) => all.every((run) => run.status !== 'running' && run.status !== 'queued'));
  };
  const facts = async () => (await db.query<Record<string, unknown>>('SELECT order_id, customer_id, customer_name, customer_email, country, status, currency, item_count, total_cents::int AS total_cents, placed_at FROM order_facts ORDER BY order_id')).rows;
  const versions = async () => Object.fromEntries((await db.query<{ order_id: string; xmin: string }>('SELECT order_id, xmin::text FROM order_facts')).rows.map((r) => [r.order_id, r.xmin]));

  it('loads once, rewrites nothing on later runs, updates only the facts of a changed source row, and stops with its schedule', { timeout: 150_000 }, async () => {
    // After the first scheduled run: the four matched orders, normalised and computed, once each.
    await reportsSince(0, 1);
    expect(await facts()).toEqual(FACTS);

    // Later runs over unchanged sources: each finds all four in place, and no row gets a new version.
    const before = await versions();
    const unchanged = await reportsSince(Date.now() + 1000, 2);
    expect(unchanged).toEqual(Array(unchanged.length).fill(REPORT));
    expect(await versions()).toEqual(before);

    // A customer's email and an order's status change at the source, while the schedule is paused
    // (so that no run sees half of it): exactly their three facts are updated, by one run.
    await stack.ok(PAUSE, { w: workflowId, paused: true });
    await settled();
    orders[1] = { ...orders[1]!, status: 'PAID' };
    await db.query(`UPDATE customers SET email = ' Ada.Lovelace@Example.com' WHERE id = 1`);
    const resumedAt = Date.now();
    await stack.ok(PAUSE, { w: workflowId, paused: false });
    const changed = await reportsSince(resumedAt, 2);
    expect(changed.filter((report) => report.updated > 0)).toEqual([{ ...REPORT, updated: 3, unchanged: 1 }]);
    expect(changed.filter((report) => report.updated === 0)).toEqual(Array(changed.length - 1).fill(REPORT));
    const ada = { customer_email: 'ada.lovelace@example.com' };
    expect(await facts()).toEqual([{ ...FACTS[0], ...ada }, { ...FACTS[1], status: 'paid' }, { ...FACTS[2], ...ada }, FACTS[3]]);
    const after = await versions();
    expect(after['A-1005']).toBe(before['A-1005']);
    for (const id of ['A-1001', 'A-1002', 'A-1003']) expect(after[id]).not.toBe(before[id]);
    const stamps = await db.query<{ moved: boolean }>('SELECT updated_at > inserted_at AS moved FROM order_facts ORDER BY order_id');
    expect(stamps.rows.map((row) => row.moved)).toEqual([true, true, true, false]);

    // Stopped: no run starts any more. Over all runs: one inserted the four facts, one updated three,
    // every other changed nothing; each asked for all three pages; still one fact per matched order.
    await stack.ok(TRIGGERS, { w: workflowId, t: [] });
    const all = await settled();
    await sleep(1500);
    expect(await runs()).toHaveLength(all.length);
    const reports = all.map((run) => run.output as typeof REPORT);
    expect(reports.filter((report) => report.inserted > 0)).toEqual([{ ...REPORT, inserted: 4, unchanged: 0 }]);
    expect(reports.filter((report) => report.updated > 0)).toHaveLength(1);
    expect(reports.filter((report) => report.inserted + report.updated === 0)).toHaveLength(all.length - 2);
    expect(api.requests.map((request) => request.url).sort()).toEqual(all.flatMap(() => ['/orders', '/orders?page=2', '/orders?page=3']).sort());
    expect((await db.query('SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS ids FROM order_facts')).rows[0]).toEqual({ n: 4, ids: 4 });
  });
});
