import { describe, expect, it } from 'vitest';
import { runNode } from '../test-support/run-node.js';
import { mergeNode } from './merge.node.js';

const inputs = { left: { a: 1, shared: 'left' }, right: { b: 2, shared: 'right' } };

describe('merge node', () => {
  it('combines object outputs shallowly, later predecessors winning (the default)', async () => {
    expect(await runNode(mergeNode, {}, { inputs })).toEqual({ kind: 'completed', output: { a: 1, shared: 'right', b: 2 } });
    expect(await runNode(mergeNode, { mode: 'combine' }, { inputs: {} })).toEqual({ kind: 'completed', output: {} });
  });

  it('keeps outputs by node in byNode mode', async () => {
    expect(await runNode(mergeNode, { mode: 'byNode' }, { inputs })).toEqual({ kind: 'completed', output: inputs });
  });

  it('lists outputs in order in list mode, whatever their type', async () => {
    expect(await runNode(mergeNode, { mode: 'list' }, { inputs: { a: 1, b: [2], c: null } })).toEqual({ kind: 'completed', output: [1, [2], null] });
  });

  it('refuses to combine a non-object output, naming the node', async () => {
    await expect(runNode(mergeNode, {}, { inputs: { left: { a: 1 }, count: 3 } })).rejects.toMatchObject({
      code: 'EXECUTION',
      retryable: false,
      message: 'merge (combine) needs object outputs, but node "count" produced number',
    });
    await expect(runNode(mergeNode, {}, { inputs: { list: [1] } })).rejects.toThrow(/node "list" produced array/);
  });

  it('refuses an unknown mode', async () => {
    await expect(runNode(mergeNode, { mode: 'zip' })).rejects.toMatchObject({ code: 'CONFIG', field: 'mode', message: expect.stringMatching(/mode: Invalid option/) as unknown });
  });
});
