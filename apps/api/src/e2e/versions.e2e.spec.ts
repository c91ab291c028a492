import { beforeAll, describe, expect, it } from 'vitest';
import { waitForReadModels } from '@weft/engine';
import { publishWorkflow, startRun, waitForRun, type Client, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';
import { createWorkspace, signUp } from './identity.js';

const extensionsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions;

const start1 = { id: 'start', type: 'set', config: { values: { greeting: 'hi', tone: 'plain' } }, position: { x: 0, y: 0 } };
const wait1 = { id: 'wait', type: 'delay', config: { seconds: 2 }, position: { x: 200, y: 0 } };
const old = { id: 'old', type: 'set', config: { values: { old: true } } };
const v1 = {
  nodes: [start1, wait1, old],
  edges: [
    { id: 'e1', source: 'start', target: 'wait' },
    { id: 'e2', source: 'wait', target: 'old' },
    { id: 'e9', source: 'start', target: 'old' },
  ],
};

const start2 = { ...start1, config: { values: { tone: 'plain', greeting: 'hello' } } };
const wait2 = { ...wait1, position: { x: 200, y: 120 } };
const fresh = { id: 'fresh', type: 'set', name: 'Fresh', config: { values: { fresh: true } } };
const v2 = {
  nodes: [start2, wait2, fresh],
  edges: [
    { id: 'e1', source: 'start', target: 'wait' },
    { id: 'e2', source: 'wait', target: 'fresh' },
    { id: 'e3', source: 'start', target: 'fresh' },
  ],
};

const DIFF = /* GraphQL */ `
  query ($w: ID!, $from: Int!, $to: Int!) {
    workflowVersionDiff(workflowId: $w, from: $from, to: $to) {
      workflowId from to settingsChanged
      nodes { added { id type name node } removed { id type name node } changed { id fields before after } }
      edges { added { id source target sourceHandle } removed { id source target sourceHandle } changed { id fields before { id source target sourceHandle } after { id source target sourceHandle } } }
    }
  }
`;

const VERSION = 'query ($w: ID!, $v: Int!) { workflowVersion(workflowId: $w, version: $v) { workflowId version graph publishedAt } }';

describe('workflow versions: pinned runs, listing and diffs through GraphQL', () => {
  const file = stackPerFile();
  let stack: Stack;
  let outsider: Client;
  let workflowId: string;
  let runOnV1: string;

  beforeAll(async () => {
    stack = file.stack;
    const session = await signUp(stack.base, `outsider-${crypto.randomUUID()}@example.com`);
    await createWorkspace(stack.base, session, 'Elsewhere');
    outsider = stack.as(session);

    workflowId = await publishWorkflow(stack, 'versioned', v1);
    runOnV1 = await startRun(stack, workflowId, { n: 1 }); // in flight (the delay) while v2 is published
    await stack.ok('mutation ($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id } }', { input: { id: workflowId, graph: v2 } });
    const published = await stack.ok<{ publishWorkflow: { version: number } }>('mutation ($id: ID!) { publishWorkflow(id: $id) { version } }', { id: workflowId });
    expect(published.publishWorkflow.version).toBe(2);
    await waitForReadModels(stack.platform.pool, { timeoutMs: 10_000 });
    const inFlight = await stack.ok<{ run: { status: string } }>('query ($id: ID!) { run(id: $id) { status } }', { id: runOnV1 });
    expect(inFlight.run.status).toBe('running');
  });

  it('lists the versions oldest first, each with the graph it froze', async () => {
    const read = await stack.ok<{ workflow: { latestVersion: number; versions: { version: number; graph: unknown }[] } }>(
      'query ($id: ID!) { workflow(id: $id) { latestVersion versions { version graph } } }',
      { id: workflowId },
    );
    expect(read.workflow.latestVersion).toBe(2);
    expect(read.workflow.versions).toEqual([
      { version: 1, graph: v1 },
      { version: 2, graph: v2 },
    ]);
  });

  it('reads one version with its graph', async () => {
    const read = await stack.ok<{ workflowVersion: { workflowId: string; version: number; graph: unknown } }>(VERSION, { w: workflowId, v: 1 });
    expect(read.workflowVersion).toMatchObject({ workflowId, version: 1, graph: v1 });
    expect((await stack.ok<{ workflowVersion: unknown }>(VERSION, { w: workflowId, v: 3 })).workflowVersion).toBeNull();
  });

  it('diffs v1 to v2: nodes and edges added, removed and changed, by id', async () => {
    const read = await stack.ok<{ workflowVersionDiff: unknown }>(DIFF, { w: workflowId, from: 1, to: 2 });
    expect(read.workflowVersionDiff).toEqual({
      workflowId,
      from: 1,
      to: 2,
      settingsChanged: false,
      nodes: {
        added: [{ id: 'fresh', type: 'set', name: 'Fresh', node: fresh }],
        removed: [{ id: 'old', type: 'set', name: null, node: old }],
        changed: [
          { id: 'start', fields: ['config'], before: start1, after: start2 },
          { id: 'wait', fields: ['position'], before: wait1, after: wait2 },
        ],
      },
      edges: {
        added: [{ id: 'e3', source: 'start', target: 'fresh', sourceHandle: null }],
        removed: [{ id: 'e9', source: 'start', target: 'old', sourceHandle: null }],
        changed: [
          {
            id: 'e2',
            fields: ['target'],
            before: { id: 'e2', source: 'wait', target: 'old', sourceHandle: null },
            after: { id: 'e2', source: 'wait', target: 'fresh', sourceHandle: null },
          },
        ],
      },
    });
  });

  it('diffs a version with itself to nothing', async () => {
    const read = await stack.ok<{ workflowVersionDiff: { nodes: unknown; edges: unknown; settingsChanged: boolean } }>(DIFF, { w: workflowId, from: 2, to: 2 });
    const empty = { added: [], removed: [], changed: [] };
    expect(read.workflowVersionDiff).toMatchObject({ nodes: empty, edges: empty, settingsChanged: false });
  });

  it('keeps a run started on v1 on v1 after v2 is published, while new runs take v2', async () => {
    const runOnV2 = await startRun(stack, workflowId, { n: 2 });
    const greeted = (n: number, greeting: string) => ({ n, tone: 'plain', greeting });
    expect(await waitForRun(stack, runOnV1)).toEqual({ status: 'succeeded', error: null, output: { start: greeted(1, 'hi'), wait: greeted(1, 'hi'), old: true } });
    expect(await waitForRun(stack, runOnV2)).toEqual({ status: 'succeeded', error: null, output: { start: greeted(2, 'hello'), wait: greeted(2, 'hello'), fresh: true } });
    const query = 'query ($id: ID!) { run(id: $id) { workflowVersion nodeRuns { nodeId nodeType status } } }';
    const first = await stack.ok<{ run: { workflowVersion: number; nodeRuns: { nodeId: string; nodeType: string; status: string }[] } }>(query, { id: runOnV1 });
    expect(first.run.workflowVersion).toBe(1);
    expect(first.run.nodeRuns.map((n) => [n.nodeId, n.nodeType, n.status])).toEqual(v1.nodes.map((n) => [n.id, n.type, 'completed']));
    const pinned = await stack.ok<{ workflowVersion: { graph: unknown } }>(VERSION, { w: workflowId, v: first.run.workflowVersion });
    expect(pinned.workflowVersion.graph).toEqual(v1);
    const second = await stack.ok<{ run: { workflowVersion: number; nodeRuns: { nodeId: string }[] } }>(query, { id: runOnV2 });
    expect(second.run.workflowVersion).toBe(2);
    expect(second.run.nodeRuns.map((n) => n.nodeId)).toEqual(['start', 'wait', 'fresh']);
  });

  it('answers NOT_FOUND naming the version when it does not exist', async () => {
    const result = await stack.gql(DIFF, { w: workflowId, from: 1, to: 3 });
    expect(result.data).toBeNull();
    expect(extensionsOf(result)).toEqual({ code: 'NOT_FOUND', entity: 'version' });
    expect(result.errors?.[0]?.message).toBe(`version "${workflowId}@3" not found`);
  });

  it('answers NOT_FOUND for an unknown workflow and for another workspace\'s, and leaks nothing', async () => {
    expect(extensionsOf(await stack.gql(DIFF, { w: 'no-such-workflow', from: 1, to: 2 }))).toEqual({ code: 'NOT_FOUND', entity: 'workflow' });
    const elsewhere = await outsider.gql(DIFF, { w: workflowId, from: 1, to: 2 });
    expect(extensionsOf(elsewhere)).toEqual({ code: 'NOT_FOUND', entity: 'workflow' });
    const single = await outsider.gql<{ workflowVersion: unknown }>(VERSION, { w: workflowId, v: 1 });
    expect(single).toEqual({ data: { workflowVersion: null } });
    expect(JSON.stringify([elsewhere, single])).not.toMatch(/greeting|fresh/);
  });

  it.each([
    ['from', { from: 0, to: 2 }],
    ['to', { from: 1, to: -1 }],
  ])('answers BAD_USER_INPUT naming %s when it is below 1', async (field, versions) => {
    expect(extensionsOf(await stack.gql(DIFF, { w: workflowId, ...versions }))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('answers BAD_USER_INPUT naming version for workflowVersion(version: 0)', async () => {
    expect(extensionsOf(await stack.gql(VERSION, { w: workflowId, v: 0 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'version' });
  });
});
