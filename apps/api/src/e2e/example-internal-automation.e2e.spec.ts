import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestBody, startServer, type TestServer } from '../../../../libs/nodes/src/test-support/http-server.js';
import { importShippedExample, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const CREATE = /* GraphQL */ `mutation ($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`;
const CRM_TOKEN = `crm-${crypto.randomUUID()}`;
const BILLING_TOKEN = `billing-${crypto.randomUUID()}`;
/** Long enough that the two lookups overlap only if they run in parallel. */
const LATENCY_MS = 600;
const customers: Record<string, object> = {
  'c-1': { id: 'c-1', name: 'Acme Ltd', plan: 'pro', accountManager: 'maria@example.com' },
  'c-2': { id: 'c-2', name: 'Paid Up Inc', plan: 'enterprise' },
  'c-3': { id: 'c-3', name: 'Free Rider', plan: 'free' },
};
const invoices: Record<string, object[]> = {
  'c-1': [{ id: 'inv-7', amountDue: 1200.5, dueDate: '2025-02-01' }, { id: 'inv-9', amountDue: 99.5, dueDate: '2025-03-01' }],
  'c-3': [{ id: 'inv-3', amountDue: 10, dueDate: '2025-02-15' }],
};

type Seen = { path: string; authorization?: string; idempotencyKey?: string; contentType?: string; body: string; start: number; end: number };
type Answer = { status: number; body: { runId?: string; status?: string; output?: unknown; error?: { code: string } } };

/** A stand-in API: records every request (and when it came and was answered), answers `answer(url)` as JSON after `delayMs`, 404 when undefined. */
async function standIn(answer: (url: URL) => unknown, delayMs = 0): Promise<TestServer & { seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = await startServer((request: IncomingMessage, response: ServerResponse) => {
    const start = Date.now();
    void readRequestBody(request).then(async (body) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const url = new URL(request.url!, 'http://stand-in');
      const { authorization, 'idempotency-key': idempotencyKey, 'content-type': contentType } = request.headers as Record<string, string | undefined>;
      seen.push({ path: `${url.pathname}${url.search}`, authorization, idempotencyKey, contentType, body, start, end: Date.now() });
      const payload = answer(url);
      response.writeHead(payload === undefined ? 404 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(payload ?? { error: 'not found' }));
    });
  });
  return Object.assign(server, { seen });
}

describe('shipped example "internal-automation": a signed webhook, two internal APIs in parallel, a follow-up on one branch', () => {
  const file = stackPerFile({ roles: ['worker', 'relay', 'projector'] });
  let stack: Stack;
  let crm: Awaited<ReturnType<typeof standIn>>;
  let billing: Awaited<ReturnType<typeof standIn>>;
  let chat: Awaited<ReturnType<typeof standIn>>;
  let hook: { workflowId: string; url: string; secret: string };

  beforeAll(async () => {
    stack = file.stack;
    crm = await standIn((url) => customers[decodeURIComponent(url.pathname.replace(/^\/customers\//, ''))], LATENCY_MS);
    billing = await standIn((url) => ({ currency: 'EUR', invoices: url.searchParams.get('status') === 'open' ? (invoices[url.searchParams.get('customerId') ?? ''] ?? []) : [] }), LATENCY_MS);
    chat = await standIn(() => ({ ok: true }));
    const bearer = async (name: string, token: string) => (await stack.ok<{ createCredential: { id: string } }>(CREATE, { input: { name, type: 'bearer', values: { token } } })).createCredential.id;
    const imported = await importShippedExample(stack, 'internal-automation', {
      crmApiUrl: crm.origin,
      crmCredentialId: await bearer('CRM', CRM_TOKEN),
      billingApiUrl: billing.origin,
      billingCredentialId: await bearer('Billing', BILLING_TOKEN),
      notifyUrl: `${chat.origin}/hooks/support`,
    });
    const [issued] = imported.webhooks;
    expect(issued).toMatchObject({ triggerId: 'ticket', signingSecret: expect.stringMatching(/^whsec_/) as unknown });
    // The issued URL is on the configured public origin, which the test server does not serve.
    hook = { workflowId: imported.workflowId, url: `${stack.base}${new URL(issued!.url!).pathname}`, secret: issued!.signingSecret! };
  });
  afterAll(async () => {
    for (const server of [crm, billing, chat]) await server?.close();
  });

  /** POSTs a ticket signed as docs/api.md says (HMAC-SHA256 of "<timestamp>.<body>"), waiting for the run to finish. */
  const send = async (ticket: object, secret = hook.secret): Promise<Answer> => {
    const body = JSON.stringify(ticket);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
    const response = await fetch(`${hook.url}?wait=15000`, { method: 'POST', headers: { 'content-type': 'application/json', 'weft-timestamp': timestamp, 'weft-signature': signature }, body });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const startedRuns = async () => Number((await stack.platform.pool.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE type = 'workflow.started' AND data->>'workflowId' = $1`, [hook.workflowId])).rows[0]!.n);
  const lookups = () => [...crm.seen, ...billing.seen].length;

  it('looks the customer up in both APIs at once, with each API its own token, and posts the follow-up for a paying customer with open invoices', async () => {
    const answer = await send({ ticketId: 'T-100', customerId: 'c-1', subject: 'Cannot log in' });
    expect(answer).toMatchObject({ status: 200, body: { status: 'succeeded', output: { status: 200, body: { ok: true } } } });

    const [customer] = crm.seen.slice(-1);
    const [open] = billing.seen.slice(-1);
    expect(customer).toMatchObject({ path: '/customers/c-1', authorization: `Bearer ${CRM_TOKEN}` });
    expect(open).toMatchObject({ path: '/invoices?customerId=c-1&status=open', authorization: `Bearer ${BILLING_TOKEN}` });
    expect(customer!.start < open!.end && open!.start < customer!.end).toBe(true); // in parallel: each began before the other answered

    expect(chat.seen).toHaveLength(1);
    const [followUp] = chat.seen;
    expect(followUp).toMatchObject({ path: '/hooks/support', contentType: 'application/json', idempotencyKey: expect.stringContaining(answer.body.runId!) as unknown });
    expect(JSON.parse(followUp!.body)).toEqual({
      text: 'Ticket T-100 ("Cannot log in") is from Acme Ltd, on the pro plan, with 2 open invoice(s) totalling 1,300.00 EUR: check with billing before answering.',
      ticketId: 'T-100',
      customerId: 'c-1',
      plan: 'pro',
      accountManager: 'maria@example.com',
      openInvoices: ['inv-7', 'inv-9'],
      amountDue: 1300,
    });
  });

  it('posts nothing for a paying customer without open invoices, nor for a free customer with some', async () => {
    const before = chat.seen.length;
    const paidUp = await send({ ticketId: 'T-101', customerId: 'c-2', subject: 'Feature request' });
    expect(paidUp).toMatchObject({ status: 200, body: { status: 'succeeded', output: { action: 'none', ticketId: 'T-101', plan: 'enterprise', openInvoices: 0 } } });
    const free = await send({ ticketId: 'T-102', customerId: 'c-3', subject: 'Invoice question' });
    expect(free).toMatchObject({ status: 200, body: { status: 'succeeded', output: { action: 'none', ticketId: 'T-102', plan: 'free', openInvoices: 1 } } });
    expect(crm.seen.slice(-2).map((s) => s.path)).toEqual(['/customers/c-2', '/customers/c-3']);
    expect(billing.seen.slice(-2).map((s) => s.path)).toEqual(['/invoices?customerId=c-2&status=open', '/invoices?customerId=c-3&status=open']);
    expect(chat.seen).toHaveLength(before);
  });

  it('refuses a ticket signed with another secret (401): no run starts and no API is called', async () => {
    const [runs, calls, posts] = [await startedRuns(), lookups(), chat.seen.length];
    const forged = await send({ ticketId: 'T-103', customerId: 'c-1', subject: 'Forged' }, 'whsec_not-the-secret');
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'INVALID_SIGNATURE' } } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([await startedRuns(), lookups(), chat.seen.length]).toEqual([runs, calls, posts]);
  });
});
