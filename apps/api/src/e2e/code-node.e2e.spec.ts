import { describe, expect, it } from 'vitest';
import { edge, node } from './graphs.js';
import { publishWorkflow, startRun, waitForRun } from './harness.js';
import { stackPerFile } from './stack-per-file.js';

const TRANSFORM = `
const total = input.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
console.log('items', input.items.length);
return { total, names: input.items.map((item) => item.name.toUpperCase()), by: data.who };`;

describe('code node, end to end', () => {
  // A long visibility timeout: the infinite loop below holds its task for seconds.
  const file = stackPerFile({ env: { WEFT_VISIBILITY_TIMEOUT_MS: '15000' } });

  const transformGraph = {
    nodes: [
      node('total', 'code', { code: TRANSFORM, data: { who: '{{ $trigger.user }}' } }),
      node('label', 'set', { values: { label: '{{ names[0] & " and " & $string($count(names) - 1) & " more: " & $string(total) }}' }, keepInput: false }),
    ],
    edges: [edge('total', 'label')],
  };
  const items = [
    { name: 'pen', price: 2, quantity: 3 },
    { name: 'ink', price: 5, quantity: 1 },
  ];

  it('transforms its input with JavaScript, and the next node reads the output', async () => {
    const { stack } = file;
    const workflowId = await publishWorkflow(stack, 'code transform', transformGraph);
    const runId = await startRun(stack, workflowId, { items, user: 'ada' });
    const run = await waitForRun(stack, runId);
    expect(run).toMatchObject({ status: 'succeeded', output: { label: 'PEN and 1 more: 11' } });
    const view = await stack.ok<{ run: { nodeRuns: { nodeId: string; output: unknown }[] } }>('query ($id: ID!) { run(id: $id) { nodeRuns { nodeId output } } }', { id: runId });
    expect(view.run.nodeRuns.find((n) => n.nodeId === 'total')!.output).toEqual({ total: 11, names: ['PEN', 'INK'], by: 'ada' });
  });

  it('fails a run whose code loops forever with TIMEOUT, while another run on the same worker succeeds meanwhile', async () => {
    const { stack } = file;
    const spinId = await publishWorkflow(stack, 'code spin', { nodes: [node('spin', 'code', { code: 'while (true) {}', timeoutMs: 3000 })], edges: [] });
    const transformId = await publishWorkflow(stack, 'code transform 2', transformGraph);
    const spinRunId = await startRun(stack, spinId, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const okRunId = await startRun(stack, transformId, { items, user: 'bob' });
    expect(await waitForRun(stack, okRunId)).toMatchObject({ status: 'succeeded', output: { label: 'PEN and 1 more: 11' } });
    expect(Date.now() - started).toBeLessThan(2500);
    // The loop is still running on its sandbox thread: the worker's event loop was never blocked.
    expect((await stack.platform.prisma.run.findUnique({ where: { id: spinRunId } }))?.status).toBe('running');
    const spin = await waitForRun(stack, spinRunId);
    expect(spin.status).toBe('failed');
    expect(spin.error).toMatchObject({ code: 'TIMEOUT', nodeId: 'spin', message: 'node "spin" failed: The code did not finish within 3000 ms' });
  });

  it('refuses an escape attempt with a CODE error naming the line', async () => {
    const { stack } = file;
    const workflowId = await publishWorkflow(stack, 'code escape', { nodes: [node('escape', 'code', { code: 'const fs = 1;\nreturn require("fs")' })], edges: [] });
    const run = await waitForRun(stack, await startRun(stack, workflowId, {}));
    expect(run).toMatchObject({ status: 'failed', error: { code: 'CODE', nodeId: 'escape', message: `node "escape" failed: ReferenceError: 'require' is not defined (line 2)` } });
  });
});
