import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTally, SECURITY_CORPORA } from '@weft/testing';
import type { GqlResult, Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

type GqlError = { message: string; extensions?: Record<string, unknown> };

const CREATE = (selection: string) => `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { ${selection} } }`;
const input = { input: { name: 'abuse' } };
const nested = (type: string, depth: number, leaf: string) => `... on ${type} { `.repeat(depth) + leaf + ' }'.repeat(depth);
const aliases = (n: number, field = 'id') => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const PRODUCTION = { NODE_ENV: 'production', WEFT_AUTH_SECRET: 'abuse-suite-secret-not-for-real-use-0123456789', WEFT_SECRETS_KEY: 'YWJ1c2Utc3VpdGUta2V5LW5vdC1mb3ItcmVhbC11c2U=' };

/** A stack's helpers; everything is sent with the stack's own credentials (an admin API key): a hostile client may well be signed in. */
function helpersOf(stack: Stack) {
  return {
    stack,
    eventCount: async () => Number((await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n),
    /** A raw POST to /graphql: the HTTP status and the JSON answer. */
    async post(body: string): Promise<{ status: number; body: GqlResult<unknown> }> {
      const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...stack.headers }, body });
      return { status: response.status, body: (await response.json()) as GqlResult<unknown> };
    },
    /** Sends an operation over graphql-ws; resolves with its errors, fails if it produced data. */
    overWs(query: string, variables?: Record<string, unknown>): Promise<readonly GqlError[]> {
      const client = stack.ws();
      return new Promise((resolve, reject) => {
        client.subscribe(
          { query, variables },
          {
            next: (message) => (message.errors ? resolve(message.errors) : reject(new Error(`executed: ${JSON.stringify(message.data)}`))),
            error: (error) => (Array.isArray(error) ? resolve(error as GqlError[]) : reject(error instanceof Error ? error : new Error(JSON.stringify(error)))),
            complete: () => reject(new Error('completed without an error')),
          },
        );
      });
    },
  };
}

/** Counted as refused only when the answer was observed as expected; recorded for docs/RELIABILITY.md. */
const tally = corpusTally(SECURITY_CORPORA.abuse, 'one hostile request over HTTP or graphql-ws, refused only if answered before execution (no data) with the expected code; appended: events written while the refused requests were sent');
afterAll(() => void tally.record());

/** Refused before execution: no `data` entry at all (a resolver error would come with `data: null`). Counted under `attack`. */
function expectRefused(attack: string, result: { status?: number; body: GqlResult<unknown> }, extensions: Record<string, unknown>, status = 400) {
  tally.count(attack, (result.status === undefined || result.status === status) && !('data' in result.body) && isDeepStrictEqual(result.body.errors?.[0]?.extensions, extensions));
  if (result.status !== undefined) expect(result.status).toBe(status);
  expect(result.body).not.toHaveProperty('data');
  expect(result.body.errors?.[0]?.extensions).toEqual(extensions);
}

/** An operation over graphql-ws refused with `extensions` (its first error), counted under `attack`. */
function refusedOverWs(attack: string, errors: readonly GqlError[], extensions: Record<string, unknown>): GqlError | undefined {
  tally.count(attack, isDeepStrictEqual(errors[0]?.extensions, extensions));
  return errors[0];
}

/** Events appended while an attack's requests were sent (0 expected): counted against `attack`. */
async function appendedSince(attack: string, before: number, now: () => Promise<number>): Promise<number> {
  const after = await now();
  tally.leaked(attack, Math.max(0, after - before));
  return after;
}

describe('abuse: a hostile client is refused before anything executes (NODE_ENV=production)', () => {
  const file = stackPerFile({ env: PRODUCTION });
  let api: ReturnType<typeof helpersOf>;
  const send = (query: string, variables?: Record<string, unknown>) => api.post(JSON.stringify({ query, variables }));

  beforeAll(() => {
    api = helpersOf(file.stack);
  });

  it('runs the same shapes within the limits, over HTTP and graphql-ws (the control)', async () => {
    const before = await api.eventCount();
    const selection = `${aliases(15)} ${nested('Workflow', 8, 'id')}`;
    expect((await send(CREATE(selection), input)).body.data).toMatchObject({ createWorkflow: { a14: expect.any(String) } });
    const client = api.stack.ws();
    const overWs = await new Promise((resolve, reject) => client.subscribe({ query: CREATE(selection), variables: input }, { next: resolve, error: reject, complete: () => undefined }));
    expect(overWs).toMatchObject({ data: { createWorkflow: { a0: expect.any(String) } } });
    expect(await api.eventCount()).toBeGreaterThanOrEqual(before + 2);
    expect((await send('query ($n: Int) { workflows(first: $n) { nodes { id } } }', { n: 100 })).body.data).toBeDefined();
  });

  it('refuses depth 20 with QUERY_TOO_DEEP, over HTTP and graphql-ws, subscriptions included', async () => {
    const before = await api.eventCount();
    expectRefused('depth 20', await send(CREATE(nested('Workflow', 20, 'id')), input), { code: 'QUERY_TOO_DEEP' });
    expect(refusedOverWs('depth 20', await api.overWs(CREATE(nested('Workflow', 20, 'id')), input), { code: 'QUERY_TOO_DEEP' })).toMatchObject({ message: expect.stringContaining('depth limit of 10'), extensions: { code: 'QUERY_TOO_DEEP' } });
    const subscription = `subscription { runEvents(runId: "no-such-run") { ${nested('RunEvent', 20, 'type')} } }`;
    expect(refusedOverWs('depth 20', await api.overWs(subscription), { code: 'QUERY_TOO_DEEP' })?.extensions).toEqual({ code: 'QUERY_TOO_DEEP' });
    expect(await appendedSince('depth 20', before, api.eventCount)).toBe(before);
  });

  it('refuses 100 aliases with TOO_MANY_ALIASES', async () => {
    const before = await api.eventCount();
    expectRefused('100 aliases', await send(CREATE(aliases(100)), input), { code: 'TOO_MANY_ALIASES' });
    expect(refusedOverWs('100 aliases', await api.overWs(CREATE(aliases(100)), input), { code: 'TOO_MANY_ALIASES' })?.extensions).toEqual({ code: 'TOO_MANY_ALIASES' });
    expect(await appendedSince('100 aliases', before, api.eventCount)).toBe(before);
  });

  it('refuses a huge token count with TOO_MANY_TOKENS, without parsing it all', async () => {
    const before = await api.eventCount();
    const query = CREATE('id '.repeat(20_000));
    expectRefused('20,000 tokens', await send(query, input), { code: 'TOO_MANY_TOKENS' });
    expect(refusedOverWs('20,000 tokens', await api.overWs(query, input), { code: 'TOO_MANY_TOKENS' })?.extensions).toEqual({ code: 'TOO_MANY_TOKENS' });
    expect(await appendedSince('20,000 tokens', before, api.eventCount)).toBe(before);
  });

  it('refuses more than 20 directives with TOO_MANY_DIRECTIVES', async () => {
    const before = await api.eventCount();
    expectRefused('21 directives', await send(CREATE('id @include(if: true) '.repeat(21)), input), { code: 'TOO_MANY_DIRECTIVES' });
    expect(await appendedSince('21 directives', before, api.eventCount)).toBe(before);
  });

  it('refuses a costly document with QUERY_TOO_COMPLEX, counting first: $n as its value', async () => {
    const pages = Array.from({ length: 3 }, (_, i) => `r${i}: runs(first: $n) { nodes { id status input output nodeRuns { nodeId status input output error } } }`).join(' ');
    expectRefused('a costly document', await send(`query ($n: Int) { ${pages} }`, { n: 100 }), { code: 'QUERY_TOO_COMPLEX' });
    expect(refusedOverWs('a costly document', await api.overWs(`query ($n: Int) { ${pages} }`, { n: 100 }), { code: 'QUERY_TOO_COMPLEX' })?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('refuses first: 100000000, literal or variable, with BAD_USER_INPUT on first', async () => {
    const badFirst = { code: 'BAD_USER_INPUT', field: 'first' };
    expectRefused('first: 100000000', await send('{ workflows(first: 100000000) { nodes { id } } }'), badFirst);
    expectRefused('first: 100000000', await send('query ($n: Int) { runs(first: $n) { nodes { id } } }', { n: 100_000_000 }), badFirst);
    expect(refusedOverWs('first: 100000000', await api.overWs('query ($n: Int) { workflows(first: $n) { nodes { id } } }', { n: 100_000_000 }), badFirst)).toMatchObject({ message: 'first: must be between 1 and 100', extensions: badFirst });
  });

  it('answers a 1 MB body with 413 PAYLOAD_TOO_LARGE, GraphQL-shaped', async () => {
    const before = await api.eventCount();
    const graph = { nodes: [], edges: [], padding: 'x'.repeat(1_000_000) };
    const result = await api.post(JSON.stringify({ query: CREATE('id'), variables: { input: { name: 'big', graph } } }));
    expectRefused('a 1 MB body', result, { code: 'PAYLOAD_TOO_LARGE' }, 413);
    expect(result.body.errors?.[0]?.message).toMatch(/request body is larger than \d+ bytes/);
    expect(await appendedSince('a 1 MB body', before, api.eventCount)).toBe(before);
  });

  it('refuses a batch of 100 operations', async () => {
    const before = await api.eventCount();
    const batch = Array.from({ length: 100 }, () => ({ query: CREATE('id'), variables: input }));
    const result = await api.post(JSON.stringify(batch));
    expectRefused('a batch of 100 operations', result, { code: 'BAD_REQUEST' });
    expect(result.body.errors?.[0]?.message).toMatch(/batching disabled/i);
    expect(await appendedSince('a batch of 100 operations', before, api.eventCount)).toBe(before);
  });

  it('refuses introspection over HTTP and graphql-ws', async () => {
    expectRefused('introspection in production', await send('{ __schema { types { name } } }'), { code: 'GRAPHQL_VALIDATION_FAILED' });
    expectRefused('introspection in production', await send('{ __type(name: "Run") { fields { name } } }'), { code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(refusedOverWs('introspection in production', await api.overWs('{ __schema { queryType { name } } }'), { code: 'GRAPHQL_VALIDATION_FAILED' })).toMatchObject({ message: expect.stringContaining('introspection'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('serves no landing page', async () => {
    const response = await fetch(api.stack.url, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).not.toContain('text/html');
  });

  it('leaves out "Did you mean" suggestions', async () => {
    const result = await send('{ workflows { nodes { nme } } }');
    tally.leaked('a misspelt field, fishing for suggestions', /did you mean/i.test(JSON.stringify(result.body)) ? 1 : 0);
    expectRefused('a misspelt field, fishing for suggestions', result, { code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.body.errors?.[0]?.message).toBe('Cannot query field "nme" on type "Workflow".');
  });

  it('shows an unexpected error without stack trace or SQL', async () => {
    await api.stack.platform.pool.query('ALTER TABLE rm_workflows RENAME TO rm_workflows_hidden');
    try {
      const result = await send('{ workflows { nodes { id } } }');
      const shows = /rm_workflows|stack|select|prisma|\.ts:\d+/i.test(JSON.stringify(result.body));
      tally.count('an internal error, fishing for SQL or a stack trace', !shows && isDeepStrictEqual(result.body.errors?.map((e) => [e.message, e.extensions]), [['internal error', { code: 'INTERNAL_SERVER_ERROR' }]]), shows ? 1 : 0);
      expect(result.body.errors).toEqual([expect.objectContaining({ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      expect(JSON.stringify(result.body)).not.toMatch(/rm_workflows|stack|select|prisma|\.ts:\d+/i);
    } finally {
      await api.stack.platform.pool.query('ALTER TABLE rm_workflows_hidden RENAME TO rm_workflows');
    }
  });
});

describe('abuse: outside production, the limits hold and the schema stays explorable', () => {
  const file = stackPerFile();
  let api: ReturnType<typeof helpersOf>;
  const send = (query: string, variables?: Record<string, unknown>) => api.post(JSON.stringify({ query, variables }));

  beforeAll(() => {
    api = helpersOf(file.stack);
  });

  it('allows introspection over HTTP and graphql-ws', async () => {
    expect((await send('{ __schema { queryType { name } } }')).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const client = api.stack.ws();
    const result = await new Promise((resolve, reject) => client.subscribe({ query: '{ __type(name: "Run") { name } }' }, { next: resolve, error: reject, complete: () => undefined }));
    expect(result).toEqual({ data: { __type: { name: 'Run' } } });
  });

  it('still refuses depth 20 and a page of 100000000', async () => {
    expectRefused('depth 20', await send(CREATE(nested('Workflow', 20, 'id')), input), { code: 'QUERY_TOO_DEEP' });
    expectRefused('first: 100000000', await send('{ workflows(first: 100000000) { nodes { id } } }'), { code: 'BAD_USER_INPUT', field: 'first' });
  });
});
