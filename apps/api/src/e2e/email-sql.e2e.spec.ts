import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '@weft/testing';
import { edge, node } from './graphs.js';
import { publishWorkflow, startRun, waitForRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const PG_PASSWORD = `pg-canary-${crypto.randomUUID()}`;
const SMTP_PASSWORD = `smtp-canary-${crypto.randomUUID()}`;
const CREATE = /* GraphQL */ `mutation ($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`;
const RUN = /* GraphQL */ `query ($id: ID!) { run(id: $id) { status output error nodeRuns { nodeId status output error } } }`;

const TRANSFORM = `
return { rows: input.rows.map((row) => ({ id: row.id, name: row.name.toUpperCase(), amount_cents: Math.round(Number(row.amount) * 100) })) };`;

/** ETL: read the source table, transform in the sandbox, upsert into the target (idempotent), mail a summary. */
const etlGraph = (pgId: string, smtpId: string) => ({
  nodes: [
    node('extract', 'sql', { credentialId: pgId, query: 'SELECT id, name, amount FROM etl.source WHERE amount >= $1 ORDER BY id', params: ['{{ $trigger.minAmount }}'] }),
    node('transform', 'code', { code: TRANSFORM }),
    node('load', 'sql', {
      credentialId: pgId,
      query: 'INSERT INTO etl.target (id, name, amount_cents) SELECT id, name, amount_cents FROM jsonb_to_recordset($1::jsonb) AS r(id int, name text, amount_cents int) ON CONFLICT (id) DO NOTHING',
      params: ['{{ rows }}'],
      mode: 'execute',
    }),
    node('notify', 'email', {
      credentialId: smtpId,
      from: 'weft@example.com',
      to: ['ops@example.com'],
      subject: 'ETL {{ $trigger.batch }}: {{ $string(rowCount) }} new rows',
      text: 'Loaded {{ $string(rowCount) }} of {{ $string($nodes.extract.rowCount) }} source rows.',
    }),
  ],
  edges: [edge('extract', 'transform'), edge('transform', 'load'), edge('load', 'notify')],
});

describe('email and sql nodes, end to end: an ETL run against the local PostgreSQL and a capturing SMTP server', () => {
  // WEFT_HTTP_ALLOW=127.0.0.1 (set by the harness) lets the nodes reach the local PostgreSQL and SMTP server.
  const file = stackPerFile();
  let stack: Stack;
  let smtp: SmtpCapture;
  let db: pg.Client;
  let pgId: string;
  let smtpId: string;

  beforeAll(async () => {
    stack = file.stack;
    smtp = await startSmtpCapture({ auth: { user: 'weft', password: SMTP_PASSWORD } });
    db = new pg.Client({ connectionString: file.env.databaseUrl });
    await db.connect();
    await db.query(`CREATE SCHEMA etl;
      CREATE TABLE etl.source (id int PRIMARY KEY, name text NOT NULL, amount numeric(10, 2) NOT NULL);
      CREATE TABLE etl.target (id int PRIMARY KEY, name text NOT NULL, amount_cents int NOT NULL);
      INSERT INTO etl.source VALUES (1, 'ada', 12.50), (2, 'bob', 0.99), (3, 'cy', 40.00);`);
    const url = new URL(file.env.databaseUrl);
    url.password = PG_PASSWORD; // trust authentication here: accepted, and must never show
    const create = async (input: Record<string, unknown>) => (await stack.ok<{ createCredential: { id: string } }>(CREATE, { input })).createCredential.id;
    pgId = await create({ name: 'Warehouse', type: 'postgres', values: { connectionString: url.toString() } });
    smtpId = await create({ name: 'Mail relay', type: 'smtp', values: { host: '127.0.0.1', port: String(smtp.port), user: 'weft', password: SMTP_PASSWORD } });
  });
  afterAll(async () => {
    await db?.end();
    await smtp?.close();
  });

  it('loads the selected rows once, however often it runs, and mails a summary each time', async () => {
    const workflowId = await publishWorkflow(stack, 'nightly etl', etlGraph(pgId, smtpId));
    const first = await waitForRun(stack, await startRun(stack, workflowId, { minAmount: 1, batch: 'b1' }));
    expect(first).toMatchObject({ status: 'succeeded' });
    expect((await db.query('SELECT id, name, amount_cents FROM etl.target ORDER BY id')).rows).toEqual([
      { id: 1, name: 'ADA', amount_cents: 1250 },
      { id: 3, name: 'CY', amount_cents: 4000 },
    ]);
    const again = await waitForRun(stack, await startRun(stack, workflowId, { minAmount: 1, batch: 'b2' }));
    expect(again).toMatchObject({ status: 'succeeded' });
    expect((await db.query('SELECT count(*)::int AS n FROM etl.target')).rows[0]).toEqual({ n: 2 });

    const [firstMail, secondMail] = await smtp.waitForMails(2);
    expect(firstMail).toMatchObject({ from: 'weft@example.com', to: ['ops@example.com'], user: 'weft' });
    expect(firstMail!.raw).toContain('Subject: ETL b1: 2 new rows');
    expect(firstMail!.raw).toContain('Loaded 2 of 2 source rows.');
    expect(secondMail!.raw).toContain('Subject: ETL b2: 0 new rows');
  });

  it('fails the run with the PostgreSQL message and SQLSTATE, never the connection string', async () => {
    const workflowId = await publishWorkflow(stack, 'broken etl', { nodes: [node('extract', 'sql', { credentialId: pgId, query: 'SELECT * FROM etl.missing' }, { retry: { maxAttempts: 1 } })], edges: [] });
    const runId = await startRun(stack, workflowId, {});
    expect(await waitForRun(stack, runId)).toMatchObject({ status: 'failed' });
    const view = await stack.ok<{ run: { nodeRuns: { error: { message: string; retryable: boolean } | null }[] } }>(RUN, { id: runId });
    expect(view.run.nodeRuns[0]!.error).toMatchObject({ message: 'PostgreSQL failed: relation "etl.missing" does not exist (SQLSTATE 42P01)', retryable: false });
    const everything = JSON.stringify(view) + JSON.stringify((await stack.platform.pool.query('SELECT data FROM events')).rows);
    expect(everything).not.toContain(PG_PASSWORD);
    expect(everything).not.toContain(SMTP_PASSWORD);
  });

  it('refuses to publish an email node with a literal malformed address', async () => {
    const result = await stack.gql('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
      input: { name: 'bad mail', graph: { nodes: [node('m', 'email', { credentialId: smtpId, from: 'weft@example.com', to: 'not-an-address', subject: 's', text: 't' })], edges: [] } },
    });
    const created = result.data as { createWorkflow?: { id: string } } | undefined;
    const published = created?.createWorkflow ? await stack.gql('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id }) : result;
    expect(JSON.stringify(published.errors)).toMatch(/to.*email address/);
  });
});
