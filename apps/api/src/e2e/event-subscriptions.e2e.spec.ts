import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearGraph } from './graphs.js';
import { publishWorkflow, startRun, waitForRun, type Client, type GqlResult, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';
import { addMember, createWorkspace, signUp } from './identity.js';
import { startWebhookReceiver, type Received } from './webhook-receiver.js';

type Created = { createEventSubscription: { subscription: { id: string; url: string; eventTypes: string[]; workflowIds: string[] | null }; signingSecret: string } };
type Attempt = { attempt: number; startedAt: string; durationMs: number; statusCode: number | null; error: string | null };
type Delivery = {
  id: string;
  runId: string;
  eventType: string;
  sequence: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  payload: { type: string; runId: string; workflowId: string; workflowVersion: number; version: number; at: string; data: Record<string, unknown> };
  attemptLog: Attempt[];
};
type Payload = Delivery['payload'];

const CREATE = /* GraphQL */ `
  mutation ($input: CreateEventSubscriptionInput!) {
    createEventSubscription(input: $input) { subscription { id url eventTypes workflowIds createdAt } signingSecret }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query ($s: ID!, $first: Int = 100, $after: String, $status: EventDeliveryStatus) {
    eventDeliveries(subscriptionId: $s, first: $first, after: $after, status: $status) {
      nodes { id runId eventType sequence status attempts lastStatusCode lastError nextAttemptAt deliveredAt payload attemptLog { attempt startedAt durationMs statusCode error } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const DELIVERED_TYPES = ['workflow.started', 'node.completed', 'workflow.finished'];

const codeOf = (result: GqlResult<unknown>) => result.errors?.[0]?.extensions?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const verifies = (secret: string, request: Received): boolean =>
  request.headers['weft-signature'] === `sha256=${createHmac('sha256', secret).update(`${String(request.headers['weft-timestamp'])}.${request.body}`).digest('hex')}`;

describe('event subscriptions: lifecycle events out to external URLs', () => {
  const file = stackPerFile({
    env: {
      WEFT_DELIVERY_MAX_ATTEMPTS: '5',
      WEFT_DELIVERY_RETRY_MS: '100',
      WEFT_DELIVERY_MAX_RETRY_MS: '400',
      WEFT_DELIVERY_TIMEOUT_MS: '2000',
    },
  });
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let workflowA: string;
  let workflowB: string;
  let all: Created['createEventSubscription'];
  let filtered: Created['createEventSubscription'];

  const subscribe = async (client: Client, input: Record<string, unknown>) => (await client.ok<Created>(CREATE, { input })).createEventSubscription;
  const deliveries = async (subscriptionId: string, client: Client = stack): Promise<Delivery[]> => {
    const nodes: Delivery[] = [];
    let after: string | null = null;
    do {
      const page: { eventDeliveries: { nodes: Delivery[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await client.ok(DELIVERIES, { s: subscriptionId, after });
      nodes.push(...page.eventDeliveries.nodes);
      after = page.eventDeliveries.pageInfo.hasNextPage ? page.eventDeliveries.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  };
  /** The run's events of the three delivered types, as the log has them. */
  const loggedEvents = async (runId: string, types = DELIVERED_TYPES) =>
    (await stack.platform.pool.query<{ version: number; type: string }>('SELECT version, type FROM events WHERE stream_id = $1 AND type = ANY($2) ORDER BY version', [`run-${runId}`, types])).rows;
  const settled = (list: Delivery[], count: number) => (list.length === count && list.every((d) => d.status !== 'pending') ? list : undefined);

  beforeAll(async () => {
    stack = file.stack;
    // /all fails its first two requests, then recovers; /down refuses every workflow.started.
    receiver = await startWebhookReceiver((path, headers, count) => {
      if (path === '/all') return count <= 2 ? 500 : 200;
      if (path === '/down') return headers['weft-event'] === 'workflow.started' ? 500 : 200;
      return 200;
    });
    workflowA = await publishWorkflow(stack, 'hooked A', linearGraph(3));
    workflowB = await publishWorkflow(stack, 'hooked B', linearGraph(2));
    all = await subscribe(stack, { url: `${receiver.origin}/all` });
    filtered = await subscribe(stack, { url: `${receiver.origin}/filtered`, eventTypes: ['workflow.finished'], workflowIds: [workflowA] });
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('creates subscriptions with all three event types by default, or filtered, and returns the signing secret once', async () => {
    expect(all.subscription).toMatchObject({ url: `${receiver.origin}/all`, eventTypes: DELIVERED_TYPES, workflowIds: null });
    expect(all.signingSecret).toMatch(/^whsec_/);
    expect(filtered.subscription).toMatchObject({ eventTypes: ['workflow.finished'], workflowIds: [workflowA] });
    const listed = await stack.ok<{ eventSubscriptions: Record<string, unknown>[] }>('{ eventSubscriptions { id url eventTypes workflowIds createdAt } }');
    expect(listed.eventSubscriptions.map((s) => s.id)).toEqual(expect.arrayContaining([all.subscription.id, filtered.subscription.id]));
    expect(JSON.stringify(listed)).not.toContain(all.signingSecret);
  });

  it('an endpoint that fails twice then recovers receives every event of two runs once per delivery id, in order per run, signed', async () => {
    const [runA, runB] = await Promise.all([startRun(stack, workflowA, { n: 1 }), startRun(stack, workflowB, { n: 2 })]);
    await Promise.all([waitForRun(stack, runA), waitForRun(stack, runB)]);
    const logged = { [runA]: await loggedEvents(runA), [runB]: await loggedEvents(runB) };
    expect(logged[runA]!.map((e) => e.type)).toEqual(['workflow.started', 'node.completed', 'node.completed', 'node.completed', 'workflow.finished']);
    expect(logged[runB]).toHaveLength(4);

    const log = await waitUntil('9 deliveries settled', async () => settled(await deliveries(all.subscription.id), 9));
    expect(log.every((d) => d.status === 'delivered' && d.lastStatusCode === 200 && d.deliveredAt && d.nextAttemptAt === null)).toBe(true);
    await sleep(300); // a duplicate would arrive now

    // Every delivery id received until one 2xx, the repeats only retries of failed attempts.
    const requests = receiver.at('/all');
    const byId = new Map<string, Received[]>();
    for (const request of requests) byId.set(String(request.headers['weft-delivery-id']), [...(byId.get(String(request.headers['weft-delivery-id'])) ?? []), request]);
    expect([...byId.keys()].sort()).toEqual(log.map((d) => d.id).sort());
    for (const [, attempts] of byId) {
      expect(attempts.filter((r) => r.answered === 200)).toHaveLength(1);
      expect(attempts.at(-1)!.answered).toBe(200);
      expect(attempts.slice(0, -1).every((r) => r.answered === 500)).toBe(true);
    }
    expect(requests.filter((r) => r.answered === 500)).toHaveLength(2);
    expect(requests).toHaveLength(11);

    // In order per run: what arrived for a run follows the run's own order, and nothing is missing.
    for (const runId of [runA, runB]) {
      const arrived = requests.map((r) => JSON.parse(r.body) as Payload).filter((p) => p.runId === runId);
      const versions = arrived.map((p) => p.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      const delivered = requests.filter((r) => r.answered === 200).map((r) => JSON.parse(r.body) as Payload).filter((p) => p.runId === runId);
      expect(delivered.map((p) => [p.version, p.type])).toEqual(logged[runId]!.map((e) => [e.version, e.type]));
      expect(delivered.every((p) => p.workflowId === (runId === runA ? workflowA : workflowB) && p.workflowVersion === 1)).toBe(true);
    }

    // Signed with the secret returned at creation, over the exact body, with a fresh timestamp.
    for (const request of requests) {
      expect(verifies(all.signingSecret, request)).toBe(true);
      expect(verifies(filtered.signingSecret, request)).toBe(false);
      expect(Math.abs(Number(request.headers['weft-timestamp']) * 1000 - request.receivedAt)).toBeLessThan(5000);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['weft-event']).toBe((JSON.parse(request.body) as Payload).type);
    }
    const started = requests.map((r) => JSON.parse(r.body) as Payload).find((p) => p.type === 'workflow.started')!;
    expect(started.data.graph).toBeUndefined();
    expect(started.data.input).toBeDefined();

    // The delivery log shows each attempt, with what the endpoint answered.
    expect(log.reduce((sum, d) => sum + d.attempts, 0)).toBe(11);
    const retried = log.filter((d) => d.attempts > 1);
    expect(retried.flatMap((d) => d.attemptLog.map((a) => a.statusCode))).toEqual(retried.flatMap((d) => [...Array<number>(d.attempts - 1).fill(500), 200]));
    expect(retried.flatMap((d) => d.attemptLog.slice(0, -1).map((a) => a.error))).toEqual(['HTTP 500: endpoint down', 'HTTP 500: endpoint down']);
    for (const d of log) expect(d.attemptLog.map((a) => a.attempt)).toEqual(Array.from({ length: d.attempts }, (_, i) => i + 1));

    // The filtered subscription got only run A's workflow.finished.
    const only = await waitUntil('the filtered delivery', async () => settled(await deliveries(filtered.subscription.id), 1));
    expect(only[0]).toMatchObject({ runId: runA, eventType: 'workflow.finished', status: 'delivered', attempts: 1 });
    expect(receiver.at('/filtered').map((r) => (JSON.parse(r.body) as Payload).type)).toEqual(['workflow.finished']);
    expect(verifies(filtered.signingSecret, receiver.at('/filtered')[0]!)).toBe(true);
  });

  it('retries with backoff until the last attempt, then fails the delivery and sends the next event of the run', async () => {
    const workflowC = await publishWorkflow(stack, 'hooked C', linearGraph(1));
    const down = await subscribe(stack, { url: `${receiver.origin}/down`, eventTypes: ['workflow.started', 'workflow.finished'], workflowIds: [workflowC] });
    const runId = await startRun(stack, workflowC, {});
    const log = await waitUntil('both deliveries settled', async () => settled(await deliveries(down.subscription.id), 2));
    const [finished, started] = log; // latest event first
    expect(started).toMatchObject({ eventType: 'workflow.started', status: 'failed', attempts: 5, lastStatusCode: 500, lastError: 'HTTP 500: endpoint down', nextAttemptAt: null, deliveredAt: null });
    expect(started!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500]);
    expect(finished).toMatchObject({ eventType: 'workflow.finished', status: 'delivered', attempts: 1, runId });

    // Waits of 100, 200, 400, 400 ms, each up to a quarter shorter: no attempt came early. (How
    // late a busy machine wakes is no property of Weft; the schedule itself is unit-tested in
    // libs/engine/src/deliveries/deliveries.unit.spec.ts.)
    const starts = started!.attemptLog.map((a) => Date.parse(a.startedAt));
    const waits = starts.slice(1).map((t, i) => t - starts[i]! - started!.attemptLog[i]!.durationMs);
    expect(waits).toHaveLength(4);
    [100, 200, 400, 400].forEach((expected, i) => expect(waits[i]).toBeGreaterThanOrEqual(expected * 0.75 - 5));
    if (process.env.WEFT_PRINT_FIGURES) console.info('waits between attempts (ms):', waits);

    // The run's next event went out only once the first had failed for good.
    const requests = receiver.at('/down');
    expect(requests.map((r) => r.headers['weft-event'])).toEqual([...Array<string>(5).fill('workflow.started'), 'workflow.finished']);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and creates nothing', async () => {
    const before = await stack.platform.pool.query("SELECT count(*)::int AS n FROM streams WHERE stream_type = 'event-subscription'");
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://files.example.com/x' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: `https://example.com/${'a'.repeat(2000)}` }, 'url'],
      [{ url: 'https://user:pw@example.com/hook' }, 'url'],
      [{ url: 'https://example.com/hook', eventTypes: ['workflow.started', 'node.started'] }, 'eventTypes[1]'],
      [{ url: 'https://example.com/hook', eventTypes: [] }, 'eventTypes'],
      [{ url: 'https://example.com/hook', workflowIds: [workflowA, 'no-such-workflow'] }, 'workflowIds[1]'],
    ];
    for (const [input, field] of cases) {
      const result = await stack.gql(CREATE, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toContain(field);
    }
    const after = await stack.platform.pool.query("SELECT count(*)::int AS n FROM streams WHERE stream_type = 'event-subscription'");
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(codeOf(await stack.gql('{ eventDeliveries(subscriptionId: "x", first: 1000) { nodes { id } } }'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await stack.gql(DELIVERIES, { s: all.subscription.id, after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });

  it('lets admins create and delete, members only read, and shows other workspaces nothing', async () => {
    const member = await signUp(stack.base, `member-${crypto.randomUUID()}@example.com`);
    await addMember(stack.base, stack.owner, stack.workspaceId, member, 'member');
    const asMember = stack.as(member);
    expect(codeOf(await asMember.gql(CREATE, { input: { url: `${receiver.origin}/member` } }))).toBe('FORBIDDEN');
    expect(codeOf(await asMember.gql('mutation ($id: ID!) { deleteEventSubscription(id: $id) { id } }', { id: all.subscription.id }))).toBe('FORBIDDEN');
    const seen = await asMember.ok<{ eventSubscriptions: { id: string }[] }>('{ eventSubscriptions { id } }');
    expect(seen.eventSubscriptions.map((s) => s.id)).toContain(all.subscription.id);
    expect((await deliveries(all.subscription.id, asMember)).length).toBeGreaterThan(0);

    const outsider = await signUp(stack.base, `outsider-${crypto.randomUUID()}@example.com`);
    await createWorkspace(stack.base, outsider, 'Elsewhere');
    const asOutsider = stack.as(outsider);
    expect((await asOutsider.ok<{ eventSubscriptions: unknown[] }>('{ eventSubscriptions { id } }')).eventSubscriptions).toEqual([]);
    const peek = await asOutsider.gql(DELIVERIES, { s: all.subscription.id });
    expect(peek.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'eventSubscription' });
    expect(JSON.stringify(peek)).not.toContain(receiver.origin);
    expect(codeOf(await asOutsider.gql('mutation ($id: ID!) { deleteEventSubscription(id: $id) { id } }', { id: all.subscription.id }))).toBe('NOT_FOUND');
    // Nor can it filter on our workflows.
    const theirs = await asOutsider.gql(CREATE, { input: { url: `${receiver.origin}/outsider`, workflowIds: [workflowA] } });
    expect(theirs.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workflowIds[0]' });
    expect((await stack.ok<{ eventSubscriptions: { id: string }[] }>('{ eventSubscriptions { id } }')).eventSubscriptions.map((s) => s.id)).toContain(all.subscription.id);
  });

  it('sends nothing more to a deleted subscription', async () => {
    const gone = await subscribe(stack, { url: `${receiver.origin}/gone` });
    const deleted = await stack.ok<{ deleteEventSubscription: { id: string } }>('mutation ($id: ID!) { deleteEventSubscription(id: $id) { id } }', { id: gone.subscription.id });
    expect(deleted.deleteEventSubscription.id).toBe(gone.subscription.id);
    expect(codeOf(await stack.gql('mutation ($id: ID!) { deleteEventSubscription(id: $id) { id } }', { id: gone.subscription.id }))).toBe('NOT_FOUND');
    expect(codeOf(await stack.gql(DELIVERIES, { s: gone.subscription.id }))).toBe('NOT_FOUND');
    expect((await stack.ok<{ eventSubscriptions: { id: string }[] }>('{ eventSubscriptions { id } }')).eventSubscriptions.map((s) => s.id)).not.toContain(gone.subscription.id);

    const runId = await startRun(stack, workflowB, { n: 3 });
    await waitForRun(stack, runId);
    // The same reactor serves every subscription: once /all has this run's events, /gone would have too.
    await waitUntil('the run delivered to /all', async () => ((await deliveries(all.subscription.id)).filter((d) => d.runId === runId && d.status === 'delivered').length === 4 ? true : undefined));
    await sleep(200);
    expect(receiver.at('/gone')).toEqual([]);

    // Figures, on a healthy endpoint: from the event's commit to the receiver's 2xx.
    const sent = (await deliveries(all.subscription.id)).filter((d) => d.runId === runId);
    const latencies = sent.map((d) => receiver.at('/all').find((r) => r.headers['weft-delivery-id'] === d.id)!.receivedAt - Date.parse(d.payload.at));
    expect(Math.max(...latencies)).toBeLessThan(2000);
    if (process.env.WEFT_PRINT_FIGURES) console.info('delivery latency after the event (ms):', latencies);
    const rows = await stack.platform.pool.query('SELECT 1 FROM deliveries WHERE subscription_id = $1', [gone.subscription.id]);
    expect(rows.rowCount).toBe(0);
  });

  it('keeps the signing secrets out of events, the Redis feed and every table: they are stored sealed', async () => {
    const secrets = [all.signingSecret, filtered.signingSecret];
    const { pool } = stack.platform;
    for (const secret of secrets) {
      const bare = secret.replace(/^whsec_/, '');
      for (const [table, column] of [['events', 'data'], ['events', 'metadata'], ['event_subscriptions', 'secret'], ['deliveries', 'payload'], ['delivery_attempts', 'error']]) {
        const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column}::text LIKE $1`, [`%${bare}%`]);
        expect(rows[0]!.n, `${table}.${column}`).toBe(0);
      }
    }
    const { rows } = await pool.query<{ data: { subscriptionId: string; secret: { keyId: string; iv: string; tag: string; ciphertext: string } } }>(
      "SELECT data FROM events WHERE type = 'subscription.created' AND stream_id = $1",
      [`event-subscription-${all.subscription.id}`],
    );
    const sealed = rows[0]!.data.secret;
    expect(Object.keys(sealed).sort()).toEqual(['ciphertext', 'iv', 'keyId', 'tag']);
    expect(stack.platform.secrets.open(sealed, `event-subscription:${all.subscription.id}`)).toBe(all.signingSecret);

    const feed = await waitUntil('the feed to carry subscription.created', async () => {
      const entries = await stack.platform.redis.xrange(`${file.env.redisPrefix}events`, '-', '+');
      const text = JSON.stringify(entries);
      return text.includes('subscription.created') ? text : undefined;
    });
    for (const secret of secrets) expect(feed).not.toContain(secret.replace(/^whsec_/, ''));
  });
});
