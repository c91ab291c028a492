import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInNodes } from '@weft/nodes';
import { createPlatform, loadConfig } from '@weft/engine';
import { publishWorkflow, startRun, waitForRun, type Stack } from './harness.js';
import { stackPerFile } from './stack-per-file.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';

const PACKAGE = './libs/nodes/test-fixtures/acme-nodes/index.js';

type LogEntry = { attempt: number; seq: number; level: string; message: string; data: Record<string, unknown> | null };
type Pushed = { type: string; version: number; nodeId: string | null; attempt: number | null; data: Record<string, unknown> };

const chatty = (config: Record<string, unknown>) => ({ nodes: [{ id: 'talk', type: 'acme.chatty', config }], edges: [] });

const NODE_LOGS = /* GraphQL */ `
  query ($id: ID!, $first: Int!, $after: String) {
    run(id: $id) { status nodeRuns { nodeId status logs(first: $first, after: $after) { nodes { attempt seq level message data } pageInfo { hasNextPage endCursor } } } }
  }
`;

/** Collects a run's pushed items (log entries included) until workflow.finished; `onItem` sees each as it comes. */
function collect(stack: Stack, runId: string, onItem: (item: Pushed) => void = () => {}): Promise<Pushed[]> {
  const items: Pushed[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no workflow.finished; got ${items.map((e) => e.type).join(', ')}`)), 30_000);
    stack.ws().subscribe<{ runEvents: Pushed }>(
      { query: 'subscription ($runId: ID!) { runEvents(runId: $runId) { type version nodeId attempt data } }', variables: { runId } },
      {
        next: (message) => {
          if (message.errors) return reject(new Error(JSON.stringify(message.errors)));
          items.push(message.data!.runEvents);
          onItem(message.data!.runEvents);
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => (clearTimeout(timer), resolve(items)),
      },
    );
  });
}

describe('node types and execution logs, with a custom node package loaded by the API and a worker process', () => {
  // The API (validation) and a separate worker process (execution) both load the package.
  const file = stackPerFile({ env: { WEFT_NODE_PACKAGES: PACKAGE }, roles: ['relay', 'projector', 'scheduler'] });
  let stack: Stack;
  let worker: WorkerProcess;

  beforeAll(() => {
    stack = file.stack;
    const { env } = file;
    worker = spawnWorker({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, WEFT_NODE_PACKAGES: PACKAGE, WEFT_ROLES: 'worker', WEFT_VISIBILITY_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await worker?.kill();
  });

  const logsOf = async (runId: string, first = 100, after?: string) => {
    const data = await stack.ok<{ run: { nodeRuns: { nodeId: string; status: string; logs: { nodes: LogEntry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }[] } }>(NODE_LOGS, { id: runId, first, after });
    return data.run.nodeRuns.find((n) => n.nodeId === 'talk')!;
  };

  it('lists every built-in node type and the custom one, each with a JSON Schema of its config', async () => {
    const { nodeTypes } = await stack.ok<{ nodeTypes: { type: string; configSchema: { type?: string; properties?: Record<string, unknown> }; configSchemaNote: string | null; branches: string[] | null; queue: string }[] }>(
      '{ nodeTypes { type title description category configSchema configSchemaNote branches branchesNote quick queue } }',
    );
    const types = nodeTypes.map((t) => t.type);
    for (const definition of builtInNodes) expect(types).toContain(definition.type);
    expect(types).toContain('acme.chatty');
    for (const nodeType of nodeTypes) {
      expect(nodeType.configSchema.type, nodeType.type).toBe('object');
      expect(nodeType.configSchemaNote, nodeType.type).toBeNull();
    }
    expect(nodeTypes.find((t) => t.type === 'acme.chatty')).toMatchObject({ branches: ['out'], queue: 'default', configSchema: { properties: { lines: { type: 'integer', default: 3 } } } });
    expect(nodeTypes.find((t) => t.type === 'switch')?.branches).toBeNull();
  });

  it('refuses a bad config of the custom node before anything runs, like a built-in one', async () => {
    await expect(publishWorkflow(stack, 'bad', chatty({ lines: 'many' }))).rejects.toThrow(/talk.*lines|lines.*talk/);
  });

  it('streams what the node logs while it runs, and keeps it on the node run afterwards', async () => {
    const workflowId = await publishWorkflow(stack, 'chatty', chatty({ name: 'Ada', lines: 4, pauseMs: 300 }));
    const runId = await startRun(stack, workflowId);
    let logsBeforeCompleted = 0;
    let completed = false;
    const items = await collect(stack, runId, (item) => {
      if (item.type === 'node.completed') completed = true;
      if (item.type === 'node.log' && !completed) logsBeforeCompleted += 1;
    });
    // Live: entries came while the node was still running (before its node.completed).
    expect(logsBeforeCompleted).toBe(4);
    const pushed = items.filter((i) => i.type === 'node.log');
    expect(pushed.map((i) => i.data.message)).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);
    expect(pushed[0]).toMatchObject({ nodeId: 'talk', attempt: 1, data: { seq: 0, level: 'info', data: { i: 0, node: 'talk' } } });
    // Durable lifecycle events keep strictly increasing versions; log entries do not add to them.
    const versions = items.filter((i) => i.type !== 'node.log').map((i) => i.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(items.map((i) => i.type)).not.toContain('node.logged');

    expect((await waitForRun(stack, runId)).status).toBe('succeeded');
    const node = await logsOf(runId);
    expect(node.logs.nodes.map((e) => [e.attempt, e.seq, e.level, e.message])).toEqual([
      [1, 0, 'info', 'line 0'],
      [1, 1, 'info', 'line 1'],
      [1, 2, 'info', 'line 2'],
      [1, 3, 'info', 'line 3'],
    ]);
    // Paged: two at a time.
    const page = await logsOf(runId, 2);
    expect(page.logs.nodes.map((e) => e.seq)).toEqual([0, 1]);
    expect(page.logs.pageInfo.hasNextPage).toBe(true);
    const next = await logsOf(runId, 2, page.logs.pageInfo.endCursor!);
    expect(next.logs.nodes.map((e) => e.seq)).toEqual([2, 3]);

    // A subscriber who comes after the end gets the log from the history, once.
    const late = (await collect(stack, runId)).filter((i) => i.type === 'node.log');
    expect(late.map((i) => i.data.message)).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);
  });

  it('bounds an attempt\'s log, with one truncated entry', async () => {
    const workflowId = await publishWorkflow(stack, 'very chatty', chatty({ lines: 5000 }));
    const runId = await startRun(stack, workflowId);
    expect((await waitForRun(stack, runId)).status).toBe('succeeded');
    const entries: LogEntry[] = [];
    for (let after: string | undefined, more = true; more; ) {
      const node = await logsOf(runId, 100, after);
      entries.push(...node.logs.nodes);
      more = node.logs.pageInfo.hasNextPage;
      after = node.logs.pageInfo.endCursor ?? undefined;
    }
    expect(entries).toHaveLength(200);
    expect(entries.at(-1)).toMatchObject({ seq: 199, level: 'warn', message: expect.stringContaining('log truncated') as unknown });
  });

  it('keeps the log of a node that fails', async () => {
    const workflowId = await publishWorkflow(stack, 'failing', chatty({ name: 'Bob', lines: 2, fail: true }));
    const runId = await startRun(stack, workflowId);
    const run = await waitForRun(stack, runId);
    expect(run.status).toBe('failed');
    const node = await logsOf(runId);
    expect(node.status).toBe('failed');
    expect(node.logs.nodes.map((e) => [e.level, e.message])).toEqual([
      ['info', 'line 0'],
      ['info', 'line 1'],
      ['error', 'giving up'],
    ]);
    expect(node.logs.nodes[2]?.data).toEqual({ name: 'Bob' });
  });

  it('refuses to start with a node package that redefines a type', async () => {
    const { env } = file;
    const config = loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix, WEFT_NODE_PACKAGES: './libs/nodes/test-fixtures/dup-nodes.js' });
    await expect(createPlatform(config)).rejects.toThrow('node type "set" from node package "./libs/nodes/test-fixtures/dup-nodes.js" is already defined by the built-in nodes');
  });
});
