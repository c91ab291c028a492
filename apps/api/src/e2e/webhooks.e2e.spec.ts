import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTally, SECURITY_CORPORA } from '@weft/testing';
import { linearGraph, node } from './graphs.js';
import { publishWorkflow, waitForRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

type Issued = { triggerId: string; url: string | null; signingSecret: string | null };
type Answer = { status: number; body: { runId?: string; status?: string; output?: unknown; error?: { code: string; message: string; runId?: string } } };

const hello = { nodes: [node('hello', 'set', { values: { hello: true } })], edges: [] };
const nowSeconds = () => String(Math.floor(Date.now() / 1000));
const sign = (secret: string, timestamp: string, body: string) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** Counted as refused only when the expected status and code were observed; recorded for docs/RELIABILITY.md. */
const tally = corpusTally(SECURITY_CORPORA.webhooks, 'one request to a webhook URL, refused only if answered with the expected status and error code; appended: events written by it (none may be)');
afterAll(() => void tally.record());

describe('incoming webhooks', () => {
  const file = stackPerFile({ roles: ['worker', 'relay', 'projector'] });
  let stack: Stack;

  beforeAll(() => {
    stack = file.stack;
  });

  const setTriggers = async (workflowId: string, triggers: unknown) => {
    const data = await stack.ok<{ setWorkflowTriggers: { triggers: unknown[]; newWebhookSecrets: Issued[] | null } }>(
      'mutation ($w: ID!, $t: JSON!) { setWorkflowTriggers(workflowId: $w, triggers: $t) { triggers newWebhookSecrets { triggerId url signingSecret } } }',
      { w: workflowId, t: triggers },
    );
    return data.setWorkflowTriggers;
  };
  /** The issued URL, on the test server (the public URL of the test config is not served). */
  const local = (url: string) => `${stack.base}${new URL(url).pathname}`;
  const post = async (url: string, body: string | Buffer = '{}', headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const eventCount = async () => Number((await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
  const startedRuns = async (workflowId: string) =>
    (await stack.platform.pool.query<{ runId: string; trigger: unknown; input: unknown }>(`SELECT data->>'runId' AS "runId", data->'trigger' AS trigger, data->'input' AS input FROM events WHERE type = 'workflow.started' AND data->>'workflowId' = $1`, [workflowId])).rows;
  /** A workflow with one webhook; returns its id, URL (local) and signing secret. */
  const webhookOn = async (name: string, graph: unknown, signed = false) => {
    const workflowId = await publishWorkflow(stack, name, graph);
    const set = await setTriggers(workflowId, [{ id: 'in', kind: 'webhook', signed }]);
    const issued = set.newWebhookSecrets![0]!;
    return { workflowId, url: local(issued.url!), signingSecret: issued.signingSecret };
  };
  /** Runs nothing and appends nothing: the answer and the events table before and after; counted under `attack` as refused only with the expected status and code. */
  const refused = async (attack: string, expected: { status: number; code: string }, send: () => Promise<Answer>) => {
    const before = await eventCount();
    const answer = await send();
    const appended = (await eventCount()) - before;
    tally.count(attack, answer.status === expected.status && answer.body.error?.code === expected.code && appended === 0, Math.max(0, appended));
    expect(appended).toBe(0);
    return answer;
  };

  it('starts a run from an unsigned webhook: 202 with the run id at once; the run says which webhook; the secret is nowhere stored or shown', async () => {
    const workflowId = await publishWorkflow(stack, 'unsigned', hello);
    const set = await setTriggers(workflowId, [{ id: 'in', kind: 'webhook' }]);
    expect(set.triggers).toEqual([{ id: 'in', kind: 'webhook', signed: false }]);
    const issued = set.newWebhookSecrets![0]!;
    expect(issued).toMatchObject({ triggerId: 'in', signingSecret: null });
    expect(issued.url).toMatch(new RegExp(`/hooks/${workflowId}/[A-Za-z0-9_-]{43}$`));
    const secret = issued.url!.split('/').at(-1)!;

    const answer = await post(local(issued.url!), JSON.stringify({ order: 42 }));
    expect(answer).toMatchObject({ status: 202, body: { status: 'running' } });
    const runId = answer.body.runId!;
    expect(await waitForRun(stack, runId)).toMatchObject({ status: 'succeeded', output: { order: 42, hello: true } });
    const read = await stack.ok<{ run: { trigger: unknown; input: unknown } }>('query ($id: ID!) { run(id: $id) { trigger input } }', { id: runId });
    expect(read.run).toEqual({ trigger: { kind: 'webhook', triggerId: 'in' }, input: { order: 42 } });

    const { rows } = await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE data::text LIKE $1', [`%${secret}%`]);
    expect(Number(rows[0]!.n)).toBe(0);
    const shown = await stack.ok<{ workflow: { triggers: unknown } }>('query ($id: ID!) { workflow(id: $id) { triggers } }', { id: workflowId });
    expect(shown.workflow.triggers).toEqual([{ id: 'in', kind: 'webhook', signed: false }]);

    // Set again as read: the URL stays, no new secret is issued.
    const again = await setTriggers(workflowId, shown.workflow.triggers);
    expect(again.newWebhookSecrets).toBeNull();
    expect((await post(local(issued.url!))).status).toBe(202);
  });

  it('answers synchronously with the last node output when asked to wait (?wait= or Prefer: wait=)', async () => {
    const { workflowId, url } = await webhookOn('sync', linearGraph(3));
    const answer = await post(`${url}?wait=10000`, JSON.stringify({ n: 100 }));
    expect(answer).toMatchObject({ status: 200, body: { status: 'succeeded', output: { n: 100, s1: 101, s2: 102, s3: 103 }, error: null } });
    const preferred = await post(url, JSON.stringify({ n: 1 }), { prefer: 'respond-async, wait=10000' });
    expect(preferred).toMatchObject({ status: 200, body: { status: 'succeeded', output: { s3: 4 } } });
    expect((await startedRuns(workflowId)).map((r) => r.runId).sort()).toEqual([answer.body.runId, preferred.body.runId].sort());
  });

  it('measures a synchronous webhook on a 1-node workflow', async () => {
    const { url } = await webhookOn('sync latency', hello);
    const timings: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const started = performance.now();
      const answer = await post(`${url}?wait=10000`, JSON.stringify({ i }));
      timings.push(performance.now() - started);
      expect(answer.status).toBe(200);
    }
    const sorted = timings.slice(5).sort((a, b) => a - b); // the first few warm up
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
    console.log(`sync webhook, 1-node workflow, ${sorted.length} sequential requests: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
  });

  it('runs a signed webhook with a good signature; refuses a forged, a missing and a stale one (401, 401, 400) and a replay (409), appending nothing', async () => {
    const { workflowId, url, signingSecret } = await webhookOn('signed', hello, true);
    expect(signingSecret).toMatch(/^whsec_/);
    const body = JSON.stringify({ order: 7 });
    const timestamp = nowSeconds();
    const headers = { 'weft-timestamp': timestamp, 'weft-signature': sign(signingSecret!, timestamp, body), 'weft-delivery-id': 'delivery-1' };

    const good = await post(url, body, headers);
    expect(good).toMatchObject({ status: 202, body: { status: 'running' } });
    await waitForRun(stack, good.body.runId!);

    const forged = await refused('a forged, tampered or missing signature', { status: 401, code: 'INVALID_SIGNATURE' }, () => post(url, body, { ...headers, 'weft-signature': sign('whsec_guess', timestamp, body) }));
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'INVALID_SIGNATURE' } } });
    const tampered = await refused('a forged, tampered or missing signature', { status: 401, code: 'INVALID_SIGNATURE' }, () => post(url, JSON.stringify({ order: 8 }), headers));
    expect(tampered).toMatchObject({ status: 401, body: { error: { code: 'INVALID_SIGNATURE' } } });
    const missing = await refused('a forged, tampered or missing signature', { status: 401, code: 'INVALID_SIGNATURE' }, () => post(url, body));
    expect(missing).toMatchObject({ status: 401, body: { error: { code: 'INVALID_SIGNATURE' } } });
    const old = String(Number(timestamp) - 600);
    const stale = await refused('a replay: a stale timestamp, a request or delivery id seen before', { status: 400, code: 'STALE_TIMESTAMP' }, () => post(url, body, { 'weft-timestamp': old, 'weft-signature': sign(signingSecret!, old, body) }));
    expect(stale).toMatchObject({ status: 400, body: { error: { code: 'STALE_TIMESTAMP' } } });

    // The same request again, even under another delivery id and asking to wait: refused, naming the run it started.
    const replayed = await refused('a replay: a stale timestamp, a request or delivery id seen before', { status: 409, code: 'REPLAYED' }, () => post(`${url}?wait=5000`, body, { ...headers, 'weft-delivery-id': 'delivery-2' }));
    expect(replayed).toMatchObject({ status: 409, body: { error: { code: 'REPLAYED', runId: good.body.runId } } });

    const runs = await startedRuns(workflowId);
    expect(runs).toEqual([{ runId: good.body.runId, trigger: { kind: 'webhook', triggerId: 'in', deliveryId: 'delivery-1' }, input: { order: 7 } }]);
  });

  it('deduplicates an unsigned delivery by its Weft-Delivery-Id', async () => {
    const { workflowId, url } = await webhookOn('unsigned deliveries', hello);
    const first = await post(url, '{"a":1}', { 'weft-delivery-id': 'evt_1' });
    expect(first.status).toBe(202);
    await waitForRun(stack, first.body.runId!);
    const again = await refused('a replay: a stale timestamp, a request or delivery id seen before', { status: 409, code: 'REPLAYED' }, () => post(url, '{"a":1}', { 'weft-delivery-id': 'evt_1' }));
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'REPLAYED', runId: first.body.runId } } });
    expect(await startedRuns(workflowId)).toHaveLength(1);
  });

  it('refuses a 10 MB body (413), a wrong secret or workflow (the same 404) and a body that is not JSON (400), appending nothing', async () => {
    const { workflowId, url } = await webhookOn('refusals', hello);
    const huge = Buffer.alloc(10 * 1024 * 1024, 'a');
    expect(await refused('a 10 MB body', { status: 413, code: 'PAYLOAD_TOO_LARGE' }, () => post(url, huge))).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const wrongSecret = await refused('a guessed URL: wrong secret, wrong workflow, a rotated-out secret', { status: 404, code: 'NOT_FOUND' }, () => post(url.replace(/[^/]+$/, 'A'.repeat(43))));
    const wrongWorkflow = await refused('a guessed URL: wrong secret, wrong workflow, a rotated-out secret', { status: 404, code: 'NOT_FOUND' }, () => post(url.replace(workflowId, crypto.randomUUID())));
    expect(wrongSecret).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'no webhook at this address' } } });
    expect(wrongWorkflow).toEqual(wrongSecret);
    expect(await refused('a body that is not JSON', { status: 400, code: 'BAD_USER_INPUT' }, () => post(url, '{"order": '))).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', field: 'body' } } });
    expect(await startedRuns(workflowId)).toEqual([]);
    // Still answering after the refused upload.
    expect((await post(url)).status).toBe(202);
  });

  it('starts nothing for an archived workflow (409), and a rotated secret replaces the old URL at once', async () => {
    const { workflowId, url } = await webhookOn('rotated', hello, true);
    const rotated = await stack.ok<{ rotateWebhookSecret: Issued }>('mutation ($w: ID!) { rotateWebhookSecret(workflowId: $w, triggerId: "in") { triggerId url signingSecret } }', { w: workflowId });
    expect(rotated.rotateWebhookSecret.signingSecret).toMatch(/^whsec_/);
    const fresh = local(rotated.rotateWebhookSecret.url!);
    expect(fresh).not.toBe(url);
    expect(await refused('a guessed URL: wrong secret, wrong workflow, a rotated-out secret', { status: 404, code: 'NOT_FOUND' }, () => post(url))).toMatchObject({ status: 404 });
    const timestamp = nowSeconds();
    const ok = await post(fresh, '{}', { 'weft-timestamp': timestamp, 'weft-signature': sign(rotated.rotateWebhookSecret.signingSecret!, timestamp, '{}') });
    expect(ok.status).toBe(202);
    await waitForRun(stack, ok.body.runId!);

    await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: workflowId });
    const later = nowSeconds();
    const archived = await refused('a signed request to an archived workflow', { status: 409, code: 'CONFLICT' }, () => post(fresh, '{"x":1}', { 'weft-timestamp': later, 'weft-signature': sign(rotated.rotateWebhookSecret.signingSecret!, later, '{"x":1}') }));
    expect(archived).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect(await startedRuns(workflowId)).toHaveLength(1);
  });
});
