import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '@weft/testing';
import { startServer, type TestServer } from '../../../../libs/nodes/src/test-support/http-server.js';
import { importShippedExample, waitForRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const SMTP_PASSWORD = `smtp-canary-${crypto.randomUUID()}`;
const CREATE = /* GraphQL */ `mutation ($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`;
const TRIGGERS = /* GraphQL */ `mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { triggers } }`;
const RUNS = /* GraphQL */ `query ($w: ID) { runs(first: 50, workflowId: $w) { nodes { id trigger } } }`;
const RUN = /* GraphQL */ `query ($id: ID!) { run(id: $id) { nodeRuns { nodeId status } } }`;

/** What the local sales API answers: a name that needs HTML escaping, integer and fractional numbers, keys in no useful order. */
const REPORT = {
  date: '2030-01-15',
  rows: [
    { revenue: 1234.5, region: 'North', orders: 42 },
    { region: 'R&D <Labs>', revenue: 99, orders: 3 },
    { orders: 0, revenue: 0.25, region: 'South' },
  ],
};

/** The body of a mail's `text/<subtype>` part, its transfer encoding undone. */
function mailPart(raw: string, subtype: 'plain' | 'html'): string {
  const boundary = /boundary="?([^";\r\n]+)/.exec(raw)?.[1];
  const part = boundary === undefined ? undefined : raw.split(`--${boundary}`).find((p) => new RegExp(`^Content-Type: text/${subtype}`, 'im').test(p));
  if (!part) throw new Error(`no text/${subtype} part in:\n${raw}`);
  const [headers = '', ...rest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n').replace(/\r?\n$/, '');
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body.replace(/\r\n/g, '\n');
  const bytes = body.replace(/=\r?\n/g, '').replace(/\r\n/g, '\n').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

describe('shipped example daily-report: schedule, HTTP API, tables, email', () => {
  const file = stackPerFile();
  let stack: Stack;
  let smtp: SmtpCapture;
  let api: TestServer;
  let smtpCredentialId: string;
  const required = () => ({ reportApiUrl: `${api.origin}/reports/sales?period=yesterday`, smtpCredentialId, from: 'reports@example.com', to: 'sales@example.com' });

  beforeAll(async () => {
    stack = file.stack;
    smtp = await startSmtpCapture({ auth: { user: 'reporter', password: SMTP_PASSWORD } });
    api = await startServer((request, response) => {
      if (request.method === 'GET' && request.url === '/reports/sales?period=yesterday') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(REPORT));
      else response.writeHead(404).end();
    });
    const created = await stack.ok<{ createCredential: { id: string } }>(CREATE, {
      input: { name: 'Mail relay', type: 'smtp', values: { host: '127.0.0.1', port: String(smtp.port), user: 'reporter', password: SMTP_PASSWORD } },
    });
    smtpCredentialId = created.createCredential.id;
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('is scheduled for 07:00 UTC on weekdays unless told otherwise', async () => {
    const { workflowId } = await importShippedExample(stack, 'daily-report', required());
    // The read model may lag the import by a few milliseconds.
    const triggers = async () => (await stack.ok<{ workflow: { triggers: unknown[] } | null }>('query ($id: ID!) { workflow(id: $id) { triggers } }', { id: workflowId })).workflow?.triggers;
    await expect.poll(triggers, { timeout: 5000 }).toEqual([expect.objectContaining({ id: 'daily', kind: 'schedule', cron: '0 7 * * 1-5', timezone: 'UTC' })]);
    await stack.ok(TRIGGERS, { w: workflowId, t: [] }); // so that it never fires during the next test
  });

  it('on its schedule, fetches the report and mails it as an HTML table and a text table with totals', { timeout: 60_000 }, async () => {
    const { workflowId } = await importShippedExample(stack, 'daily-report', { ...required(), cron: '* * * * * *', timezone: 'Europe/Paris', subject: 'Sales', columns: 'region, orders, revenue' });
    const [mail] = await smtp.waitForMails(1, 20_000);
    // Stop the every-second schedule before looking closer.
    await stack.ok(TRIGGERS, { w: workflowId, t: [] });

    type Runs = { runs: { nodes: { id: string; trigger: { kind: string; triggerId: string } | null }[] } };
    const listed = async () => (await stack.ok<Runs>(RUNS, { w: workflowId })).runs.nodes;
    await expect.poll(listed, { timeout: 5000 }).not.toEqual([]);
    const first = (await listed()).at(-1)!; // newest first: the last is the one the first tick started
    expect(first.trigger).toMatchObject({ kind: 'schedule', triggerId: 'daily' });
    expect(await waitForRun(stack, first.id)).toMatchObject({ status: 'succeeded', output: { accepted: ['sales@example.com'], rejected: [] } });
    const view = await stack.ok<{ run: { nodeRuns: { nodeId: string; status: string }[] } }>(RUN, { id: first.id });
    expect(view.run.nodeRuns).toEqual([
      { nodeId: 'fetch', status: 'completed' },
      { nodeId: 'format', status: 'completed' },
      { nodeId: 'send', status: 'completed' },
    ]);
    expect(api.requests[0]).toMatchObject({ method: 'GET', url: '/reports/sales?period=yesterday', headers: { accept: 'application/json' } });

    expect(mail).toMatchObject({ from: 'reports@example.com', to: ['sales@example.com'], user: 'reporter' });
    expect(mail!.raw).toMatch(/^Subject: Sales 2030-01-15\r?$/m);
    const html = mailPart(mail!.raw, 'html');
    expect(html).toContain('<h2>Sales 2030-01-15</h2>');
    expect(html).toContain('<thead><tr><th>region</th><th align="right">orders</th><th align="right">revenue</th></tr></thead>');
    expect(html.match(/<tr>.*<\/tr>/g)).toEqual([
      '<tr><th>region</th><th align="right">orders</th><th align="right">revenue</th></tr>',
      '<tr><td>North</td><td align="right">42</td><td align="right">1234.50</td></tr>',
      '<tr><td>R&amp;D &lt;Labs&gt;</td><td align="right">3</td><td align="right">99.00</td></tr>',
      '<tr><td>South</td><td align="right">0</td><td align="right">0.25</td></tr>',
      '<tr><th>Total</th><th align="right">45</th><th align="right">1333.75</th></tr>',
    ]);
    expect(mailPart(mail!.raw, 'plain').trimEnd()).toBe(
      [
        'Sales 2030-01-15',
        '',
        'region      orders  revenue',
        '----------  ------  -------',
        'North           42  1234.50',
        'R&D <Labs>       3    99.00',
        'South            0     0.25',
        '----------  ------  -------',
        'Total           45  1333.75',
      ].join('\n'),
    );
    expect(JSON.stringify(await stack.platform.pool.query('SELECT data FROM events'))).not.toContain(SMTP_PASSWORD);
  });
});
