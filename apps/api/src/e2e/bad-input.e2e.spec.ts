import { beforeAll, describe, expect, it } from 'vitest';
import { linearGraph } from './graphs.js';
import { publishWorkflow, startRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const CREATE = 'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id draftRevision } }';

describe('bad input gets a clear error and changes nothing', () => {
  const file = stackPerFile({ env: { WEFT_MAX_PAYLOAD_BYTES: '2048' } });
  let stack: Stack;
  const eventCount = async () => Number((await stack.platform.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);

  beforeAll(() => {
    stack = file.stack;
  });

  it('refuses a malformed graph naming every offending node and edge', async () => {
    const before = await eventCount();
    const graph = {
      nodes: [{ id: 'a', type: 'set', config: {} }, { id: 'a', type: 'set' }, { id: 'b', type: 'teleport' }],
      edges: [{ id: 'e1', source: 'a', target: 'ghost' }],
    };
    const result = await stack.gql(CREATE, { input: { name: 'bad', graph } });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: expect.arrayContaining([
        expect.objectContaining({ code: 'DUPLICATE_NODE_ID', nodeId: 'a' }),
        expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'b' }),
        expect.objectContaining({ code: 'DANGLING_EDGE', edgeId: 'e1', field: 'target' }),
      ]),
    });
    expect(result.errors?.[0]?.message).toContain('unknown node type "teleport"');
    expect(await eventCount()).toBe(before);
  });

  it('refuses to publish a draft with missing configuration, naming node and field', async () => {
    const created = await stack.ok<{ createWorkflow: { id: string } }>(CREATE, { input: { name: 'no url', graph: { nodes: [{ id: 'fetch', type: 'http', config: {} }], edges: [] } } });
    const before = await eventCount();
    const result = await stack.gql('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [expect.objectContaining({ code: 'INVALID_CONFIG', nodeId: 'fetch', field: 'config.url' })] });
    expect(await eventCount()).toBe(before);
  });

  it('refuses to publish code that does not compile and a pagination expression that does not parse, with the line or position', async () => {
    const graph = {
      nodes: [
        { id: 'transform', type: 'code', config: { code: 'const rows = input.rows;\nreturn rows.map((r) => r.id;' } },
        { id: 'pages', type: 'http', config: { url: 'https://api.example.com/items', paginate: { next: 'body.links.(' } } },
      ],
      edges: [],
    };
    const created = await stack.ok<{ createWorkflow: { id: string } }>(CREATE, { input: { name: 'syntax', graph } });
    const before = await eventCount();
    const result = await stack.gql('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
    expect(result.errors?.[0]?.extensions?.issues).toEqual([
      expect.objectContaining({ code: 'INVALID_CONFIG', nodeId: 'transform', field: 'config.code', message: expect.stringMatching(/\(line 2\)$/) }),
      expect.objectContaining({ code: 'INVALID_CONFIG', nodeId: 'pages', field: 'config.paginate.next', message: expect.stringContaining('Expected ")" before end of expression') }),
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('refuses to publish a cycle', async () => {
    const graph = { nodes: [{ id: 'a', type: 'set', config: { values: {} } }, { id: 'b', type: 'set', config: { values: {} } }], edges: [{ id: 'x', source: 'a', target: 'b' }, { id: 'y', source: 'b', target: 'a' }] };
    const created = await stack.ok<{ createWorkflow: { id: string } }>(CREATE, { input: { name: 'loop', graph } });
    const result = await stack.gql('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: created.createWorkflow.id });
    expect(result.errors?.[0]?.extensions?.issues).toEqual([expect.objectContaining({ code: 'CYCLE', nodeId: 'a' })]);
  });

  it('refuses a run input over the size limit before appending anything', async () => {
    const workflowId = await publishWorkflow(stack, 'limit', linearGraph(1));
    const before = await eventCount();
    const result = await stack.gql('mutation ($input: StartRunInput!) { startRun(input: $input) { id } }', { input: { workflowId, input: { blob: 'x'.repeat(5000) } } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'input' });
    expect(result.errors?.[0]?.message).toMatch(/input is \d+ bytes; the limit is 2048/);
    expect(await eventCount()).toBe(before);
  });

  it('answers a request body that is not JSON with 400 and a message', async () => {
    const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ workflows { nodes { id } } }", "variables": {' });
    expect(response.status).toBe(400);
  });

  it('refuses a literal that is not JSON', async () => {
    const workflowId = await publishWorkflow(stack, 'literal', linearGraph(1));
    const result = await stack.gql(`mutation { startRun(input: { workflowId: "${workflowId}", input: $nope }) { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
  });

  it('tells apart unknown, unpublished and archived workflows', async () => {
    const unknown = await stack.gql('mutation { startRun(input: { workflowId: "nope" }) { id } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'workflow' });
    const draft = await stack.ok<{ createWorkflow: { id: string } }>(CREATE, { input: { name: 'draft only', graph: linearGraph(1) } });
    const unpublished = await stack.gql('mutation ($id: ID!) { startRun(input: { workflowId: $id }) { id } }', { id: draft.createWorkflow.id });
    expect(unpublished.errors?.[0]).toMatchObject({ message: expect.stringContaining('no published version'), extensions: { code: 'BAD_USER_INPUT', field: 'workflowId' } });
    const archivedId = await publishWorkflow(stack, 'archived', linearGraph(1));
    await stack.ok('mutation ($id: ID!) { archiveWorkflow(id: $id) { id } }', { id: archivedId });
    const archived = await stack.gql('mutation ($id: ID!) { startRun(input: { workflowId: $id }) { id } }', { id: archivedId });
    expect(archived.errors?.[0]).toMatchObject({ message: expect.stringContaining('archived'), extensions: { code: 'CONFLICT' } });
    const wrongVersion = await stack.gql('mutation ($id: ID!) { startRun(input: { workflowId: $id, version: 7 }) { id } }', { id: await publishWorkflow(stack, 'v1', linearGraph(1)) });
    expect(wrongVersion.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'version' });
  });

  it('answers a subscription to an unknown run with NOT_FOUND over graphql-ws', async () => {
    const client = stack.ws();
    const errors = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query: 'subscription { runEvents(runId: "no-such-run") { type } }' },
        { next: (message) => message.errors && resolve([...message.errors]), error: (error) => resolve([error]), complete: () => resolve([]) },
      );
    });
    expect(errors).toEqual([expect.objectContaining({ message: 'run "no-such-run" not found', extensions: expect.objectContaining({ code: 'NOT_FOUND', entity: 'run' }) })]);
  });

  it('refuses a stale draft revision and a second cancel with CONFLICT', async () => {
    const created = await stack.ok<{ createWorkflow: { id: string } }>(CREATE, { input: { name: 'rev', graph: linearGraph(1) } });
    const update = 'mutation ($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { draftRevision } }';
    await stack.ok(update, { input: { id: created.createWorkflow.id, name: 'rev 2', expectedRevision: 1 } });
    const stale = await stack.gql(update, { input: { id: created.createWorkflow.id, name: 'rev 3', expectedRevision: 1 } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const runId = await startRun(stack, await publishWorkflow(stack, 'cancel me', linearGraph(3)), { n: 1 });
    const cancel = 'mutation ($id: ID!) { cancelRun(id: $id, reason: "test") { status } }';
    const first = await stack.gql<{ cancelRun: { status: string } }>(cancel, { id: runId });
    const second = await stack.gql(cancel, { id: runId });
    // The run may have finished before the first cancel arrived; either way the second is refused.
    expect(first.data?.cancelRun.status ?? first.errors?.[0]?.extensions?.code).toMatch(/cancelled|CONFLICT/);
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const missing = await stack.gql(cancel, { id: 'no-such-run' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'run' });
  });
});
