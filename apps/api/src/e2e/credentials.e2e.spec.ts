import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { corpusTally, createTestEnv, SECURITY_CORPORA, type TestEnv } from '@weft/testing';
import type { Logger } from '@weft/engine';
import { startCanaryServer } from './canary-server.js';
import { node } from './graphs.js';
import { publishWorkflow, startRun, startStack, waitForRun, type Client, type GqlResult, type Stack } from './harness.js';
import { addMember, createWorkspace, signUp } from './identity.js';

const CANARY = `canary-${crypto.randomUUID()}`;
const CREATE = /* GraphQL */ `
  mutation ($input: CreateCredentialInput!) { createCredential(input: $input) { id name type fields createdAt updatedAt } }
`;
const RUN = /* GraphQL */ `
  query ($id: ID!) { run(id: $id) { status input output error nodeRuns { nodeId attempt status input output error } } }
`;
const HISTORY = /* GraphQL */ `
  subscription ($runId: ID!) { runEvents(runId: $runId) { type version nodeId attempt status output error data } }
`;
type Created = { createCredential: { id: string; name: string; type: string; fields: string[] } };
type NodeRunView = { nodeId: string; attempt: number; status: string; output: { status: number; headers: Record<string, string>; body: Record<string, string> } | null; error: { code: string; message: string; retryable: boolean } | null };
type RunView = { run: { status: string; output: unknown; error: { code: string; message: string } | null; nodeRuns: NodeRunView[] } };

const codeOf = (result: GqlResult<unknown>) => result.errors?.[0]?.extensions?.code;
const fastRetry = (maxAttempts: number) => ({ maxAttempts, backoff: 'fixed', initialIntervalMs: 100, maxIntervalMs: 100, jitter: 0 });

/** A logger that keeps every line, as the process would write it. */
function capturingLogger(lines: string[], bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (msg: string, data?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, msg, ...bindings, ...data }));
  return { info: write('info'), warn: write('warn'), error: write('error'), child: (more) => capturingLogger(lines, { ...bindings, ...more }) };
}

/** Every key and value under the prefix: strings, streams, hashes, lists, sets and sorted sets; `entries` one text per key. */
async function dumpRedis(redis: Redis, prefix: string): Promise<{ keys: number; text: string; entries: string[] }> {
  const entries: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of batch) {
      const parts = [key];
      const type = await redis.type(key);
      if (type === 'string') parts.push(String(await redis.get(key)));
      else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
      entries.push(parts.join('\n'));
    }
  } while (cursor !== '0');
  return { keys: entries.length, text: entries.join('\n'), entries };
}

/** Counted only as observed; recorded for docs/RELIABILITY.md. */
const canaryTally = corpusTally(SECURITY_CORPORA.canary, 'one place searched, after 50 runs used a canary credential (25 of them failing), for the canary in clear and in base64: a row of any table, a Redis key with its value, a pub/sub message, an API answer or subscription history, a log line; refused if neither is in it; leaked: places holding it');
const crossWorkspace = corpusTally(SECURITY_CORPORA.access, "one operation on workspace A's workflow, version, trigger, run, API key, event subscription or credential, by workspace B's signed-in user or admin API key, refused only if answered null, NOT_FOUND or FORBIDDEN with nothing of A's in the answer (lists: A's ids absent)");
const roles = corpusTally(SECURITY_CORPORA.roles, 'one request beyond what its credentials allow (none, a cookie from an untrusted origin, a member, an API key, a revoked key or session), refused only if answered UNAUTHENTICATED, FORBIDDEN, 401/403 or a closed socket; leaked: events pushed after a revocation');
afterAll(() => void canaryTally.record());
afterAll(() => void crossWorkspace.record());
afterAll(() => void roles.record());

/** Of `texts`, how many were searched and how many hold a needle. */
const search = (texts: readonly string[], needles: readonly string[]) => ({ tried: texts.length, leaked: texts.filter((text) => needles.some((needle) => text.includes(needle))).length });

describe('credentials: write-only, encrypted at rest, opened only in the worker, redacted everywhere', () => {
  let env: TestEnv;
  let stack: Stack;
  let server: Awaited<ReturnType<typeof startCanaryServer>>;
  let listener: Redis;
  const logLines: string[] = [];
  const published: string[] = [];
  /** Every API answer this file reads, for the final sweep. */
  const answers: string[] = [];
  const ask = async <T>(client: Client, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> => {
    const result = await client.gql<T>(query, variables);
    answers.push(JSON.stringify(result));
    return result;
  };
  const createCredential = async (input: { name: string; type: string; values: unknown }, client: Client = stack): Promise<string> => {
    const result = await ask<Created>(client, CREATE, { input });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createCredential.id;
  };
  const httpGraph = (url: string, auth: Record<string, unknown>, retry = fastRetry(1)) => ({ nodes: [node('call', 'http', { url, auth }, { retry })], edges: [] });
  const readRun = async (runId: string, client: Client = stack): Promise<RunView['run']> => {
    const result = await ask<RunView>(client, RUN, { id: runId });
    return result.data!.run;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    server = await startCanaryServer(CANARY);
    listener = new Redis(env.redisUrl);
    listener.on('pmessage', (_pattern: string, channel: string, message: string) => void published.push(`${channel} ${message}`));
    await listener.psubscribe(`${env.redisPrefix}*`);
    stack = await startStack({ env: { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix }, logger: capturingLogger(logLines) });
  });
  afterAll(async () => {
    listener?.disconnect();
    await stack?.close();
    await server?.close();
    await env?.cleanup();
  });

  it('creates a credential whose answer and listing hold metadata only, and names the field of bad input', async () => {
    const created = await ask<Created>(stack, CREATE, { input: { name: 'Canary API', type: 'bearer', values: { token: `${CANARY}-listing` } } });
    expect(created.data?.createCredential).toMatchObject({ name: 'Canary API', type: 'bearer', fields: ['token'] });
    const listed = await ask<{ credentials: { id: string; name: string; fields: string[] }[] }>(stack, '{ credentials { id name type fields createdAt updatedAt } }');
    expect(listed.data?.credentials).toContainEqual(expect.objectContaining({ id: created.data!.createCredential.id, fields: ['token'] }));
    expect(JSON.stringify([created, listed])).not.toContain(CANARY);

    const refused = async (input: Record<string, unknown>) => (await ask(stack, CREATE, { input })).errors?.[0]?.extensions;
    expect(await refused({ name: 'x', type: 'oauth', values: { token: 't' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    expect(await refused({ name: 'x', type: 'bearer', values: { secret: CANARY } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values.token' });
    expect(await refused({ name: 'x', type: 'basic', values: { username: 'u' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values.password' });
    expect(await refused({ name: 'x', type: 'generic', values: { blob: 'x'.repeat(9000) } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values' });
    expect(await refused({ name: 'x', type: 'bearer', values: CANARY })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values' });
  });

  it('lets members list but not create, replace or delete', async () => {
    const id = await createCredential({ name: 'Members see me', type: 'bearer', values: { token: `${CANARY}-members` } });
    const member = await signUp(stack.base, `member-${crypto.randomUUID()}@example.com`);
    await addMember(stack.base, stack.owner, stack.workspaceId, member, 'member');
    const asMember = stack.as(member);
    const codes = [
      codeOf(await ask(asMember, CREATE, { input: { name: 'nope', type: 'bearer', values: { token: 't' } } })),
      codeOf(await ask(asMember, 'mutation ($id: ID!) { deleteCredential(id: $id) { id } }', { id })),
      codeOf(await ask(asMember, 'mutation ($input: ReplaceCredentialValuesInput!) { replaceCredentialValues(input: $input) { id } }', { input: { id, values: { token: 't' } } })),
    ];
    for (const code of codes) roles.count('a member creating, replacing or deleting credentials', code === 'FORBIDDEN');
    expect(codes).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const listed = await ask<{ credentials: { id: string }[] }>(asMember, '{ credentials { id name fields } }');
    expect(listed.data?.credentials.map((c) => c.id)).toContain(id);
  });

  it('authenticates an http node with a bearer credential; rotation applies to the next run, deletion fails the node with CONFIG', async () => {
    const id = await createCredential({ name: 'Rotating', type: 'bearer', values: { token: 'not-yet-the-right-one' } });
    const workflowId = await publishWorkflow(stack, 'bearer call', httpGraph(`${server.origin}/echo`, { type: 'bearer', credentialId: id }));
    const refusedRun = await startRun(stack, workflowId);
    expect((await waitForRun(stack, refusedRun)).status).toBe('failed');
    expect((await readRun(refusedRun)).error).toMatchObject({ code: 'EXECUTION', message: expect.stringContaining('401') });

    const replaced = await ask(stack, 'mutation ($input: ReplaceCredentialValuesInput!) { replaceCredentialValues(input: $input) { id fields } }', { input: { id, values: { token: CANARY } } });
    expect(replaced.errors).toBeUndefined();
    const runId = await startRun(stack, workflowId);
    expect((await waitForRun(stack, runId)).status).toBe('succeeded');
    const call = (await readRun(runId)).nodeRuns[0]!;
    expect(call.output).toMatchObject({ status: 200, headers: { 'x-echo': 'Bearer [REDACTED]' }, body: { youSent: 'Bearer [REDACTED]', token: '[REDACTED]' } });

    await ask(stack, 'mutation ($id: ID!) { deleteCredential(id: $id) { id } }', { id });
    const afterDelete = await startRun(stack, workflowId);
    expect((await waitForRun(stack, afterDelete)).status).toBe('failed');
    expect((await readRun(afterDelete)).nodeRuns[0]!.error).toEqual({ code: 'CONFIG', message: expect.stringContaining(`credential "${id}" does not exist in this workspace`), retryable: false });
  });

  it('refuses a credential of another workspace: the node fails CONFIG naming the id, never a value', async () => {
    const id = await createCredential({ name: 'Ours', type: 'bearer', values: { token: CANARY } });
    const outsider = await signUp(stack.base, `outsider-${crypto.randomUUID()}@example.com`);
    await createWorkspace(stack.base, outsider, 'Elsewhere');
    const asOutsider = stack.as(outsider);
    const listed = (await ask<{ credentials: { id: string }[] }>(asOutsider, '{ credentials { id } }')).data?.credentials;
    crossWorkspace.count('credentials list', listed !== undefined && !listed.some((c) => c.id === id));
    const deleted = codeOf(await ask(asOutsider, 'mutation ($id: ID!) { deleteCredential(id: $id) { id } }', { id }));
    crossWorkspace.count('deleteCredential', deleted === 'NOT_FOUND');
    const replaced = codeOf(await ask(asOutsider, 'mutation ($input: ReplaceCredentialValuesInput!) { replaceCredentialValues(input: $input) { id } }', { input: { id, values: { token: 'theirs' } } }));
    crossWorkspace.count('replaceCredentialValues', replaced === 'NOT_FOUND');
    expect(listed).toEqual([]);
    expect(deleted).toBe('NOT_FOUND');
    expect(replaced).toBe('NOT_FOUND');
    const workflowId = await publishWorkflow(asOutsider, 'borrowing', httpGraph(`${server.origin}/echo`, { type: 'bearer', credentialId: id }));
    const runId = await startRun(asOutsider, workflowId);
    const authorizedBefore = server.state.authorized;
    await expect.poll(async () => (await readRun(runId, asOutsider)).status, { timeout: 20_000 }).toBe('failed');
    const read = await readRun(runId, asOutsider);
    const error = read.nodeRuns[0]?.error;
    const used = server.state.authorized - authorizedBefore;
    crossWorkspace.count("another workspace's credential in an http node", error?.code === 'CONFIG' && error.retryable === false && error.message.includes(`credential "${id}"`) && !error.message.includes(CANARY) && used === 0, used);
    expect(read.nodeRuns[0]!.error).toEqual({ code: 'CONFIG', message: expect.stringContaining(`credential "${id}"`), retryable: false });
    expect(server.state.authorized).toBe(authorizedBefore);
  });

  it('a canary credential used by 50 runs, half of them failing, appears in no event, table, Redis key or message, API answer or log line', { timeout: 120_000 }, async () => {
    const id = await createCredential({ name: 'Canary', type: 'bearer', values: { token: CANARY } });
    // Its value holds a line break: the HTTP client's own error would quote it, unless redacted.
    const broken = await createCredential({ name: 'Broken canary', type: 'generic', values: { token: `${CANARY}\r\ninjected` } });
    const ok = await publishWorkflow(stack, 'canary ok', httpGraph(`${server.origin}/echo`, { type: 'bearer', credentialId: id }));
    const failing = await publishWorkflow(stack, 'canary failing', httpGraph(`${server.origin}/echo?fail=1`, { type: 'bearer', credentialId: id }, fastRetry(2)));
    const breaking = await publishWorkflow(stack, 'canary broken', httpGraph(`${server.origin}/echo`, { type: 'bearer', credentialId: broken }, fastRetry(2)));
    const authorizedBefore = server.state.authorized;
    const runs = await Promise.all(Array.from({ length: 50 }, (_, i) => startRun(stack, i % 2 === 0 ? ok : i % 10 === 9 ? breaking : failing, { i })));
    const finished = await Promise.all(runs.map((runId) => waitForRun(stack, runId, 60_000)));
    expect(finished.filter((r) => r.status === 'succeeded')).toHaveLength(25);
    expect(finished.filter((r) => r.status === 'failed')).toHaveLength(25);
    // The canary did travel: the server saw it on every call but the broken ones (20 failing runs × 2 attempts + 25).
    expect(server.state.authorized - authorizedBefore).toBe(25 + 20 * 2);

    const views = await Promise.all(runs.map((runId) => readRun(runId)));
    const outputs = views.flatMap((v) => v.nodeRuns).filter((n) => n.status === 'completed');
    expect(outputs).toHaveLength(25);
    for (const call of outputs) expect(call.output?.body).toEqual({ youSent: 'Bearer [REDACTED]', token: '[REDACTED]' });
    const errors = views.flatMap((v) => v.nodeRuns).filter((n) => n.error).map((n) => n.error!);
    expect(errors.filter((e) => /500/.test(e.message))).toHaveLength(20);
    const quoted = errors.filter((e) => e.message.includes('invalid header value'));
    expect(quoted).toHaveLength(5);
    expect(quoted[0]!.message).toContain('[REDACTED]');
    await ask(stack, '{ runs(first: 100) { nodes { id status output error } } }');
    // The run histories as a watcher gets them, some succeeded, some failed.
    for (const runId of runs.slice(0, 10)) {
      const history = await new Promise<unknown[]>((resolve, reject) => {
        const events: unknown[] = [];
        stack.ws().subscribe<{ runEvents: unknown }>({ query: HISTORY, variables: { runId } }, { next: (m) => void events.push(m), error: reject, complete: () => resolve(events) });
      });
      expect(history.length).toBeGreaterThan(3);
      answers.push(JSON.stringify(history));
    }

    // Positive control: the sealed values are in the event store, just not in clear.
    const { rows: sealed } = await stack.platform.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'credential.created' AND data->'values' ? 'ciphertext'`);
    expect(sealed[0]!.n).toBeGreaterThanOrEqual(2);
    const { rows: tables } = await stack.platform.pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['events', 'rm_runs', 'rm_node_runs', 'output_blobs']));
    const needles = [CANARY, Buffer.from(CANARY).toString('base64')];
    const searched: { table: string; rows: number; total: number }[] = [];
    for (const { name } of tables) {
      const { rows } = await stack.platform.pool.query<{ n: number; total: number }>(`SELECT count(*) FILTER (WHERE r::text LIKE ANY($1))::int AS n, count(*)::int AS total FROM "${name}" AS r`, [needles.map((n) => `%${n}%`)]);
      searched.push({ table: name, rows: rows[0]!.n, total: rows[0]!.total });
    }
    const rowsSearched = searched.reduce((sum, t) => sum + t.total, 0);
    const rowsLeaking = searched.reduce((sum, t) => sum + t.rows, 0);
    canaryTally.add(`rows of ${tables.length} tables`, { tried: rowsSearched, refused: rowsSearched - rowsLeaking, leaked: rowsLeaking });
    for (const { table, rows } of searched) expect({ table, rows }).toEqual({ table, rows: 0 });
    const redis = await dumpRedis(stack.platform.redis, env.redisPrefix);
    for (const [attack, texts] of [
      ['Redis keys', redis.entries],
      ['pub/sub messages', published],
      ['API answers and subscription histories', answers],
      ['log lines', logLines],
    ] as const) {
      const found = search(texts, needles);
      canaryTally.add(attack, { ...found, refused: found.tried - found.leaked });
    }
    expect(redis.keys).toBeGreaterThan(0);
    expect(published.length).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(0);
    for (const [where, text] of [
      ['redis', redis.text],
      ['pub/sub', published.join('\n')],
      ['api answers', answers.join('\n')],
      ['log lines', logLines.join('\n')],
    ] as const) {
      for (const needle of needles) expect({ where, leaks: text.includes(needle) }).toEqual({ where, leaks: false });
    }
  });
});
