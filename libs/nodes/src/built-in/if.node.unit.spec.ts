import { describe, expect, it } from 'vitest';
import { NodeExecutionError } from '../node-execution-error.js';
import { runNode } from '../test-support/run-node.js';
import { ifNode } from './if.node.js';

describe('if node', () => {
  it('takes the true branch and passes its input through', async () => {
    expect(await runNode(ifNode, { condition: '{{ n > 50 }}' }, { input: { n: 60 } })).toEqual({ kind: 'completed', output: { n: 60 }, branch: 'true' });
  });

  it('takes the false branch', async () => {
    expect(await runNode(ifNode, { condition: '{{ n > 50 }}' }, { input: { n: 10 } })).toEqual({ kind: 'completed', output: { n: 10 }, branch: 'false' });
    expect(await runNode(ifNode, { condition: false }, { input: 'x' })).toEqual({ kind: 'completed', output: 'x', branch: 'false' });
  });

  it.each([
    ['{{ n }}', 'number'],
    ['{{ missing }}', 'null'],
    ['{{ "true" }}', 'string'],
    ['n > 50', 'string'],
    ['{{ [true] }}', 'array'],
  ])('fails on the non-boolean condition %s, naming the field and the type', async (condition, type) => {
    const error = await runNode(ifNode, { condition }, { input: { n: 60 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error).toMatchObject({ code: 'CONFIG', field: 'condition', retryable: false, message: `Invalid configuration: condition: must be boolean, got ${type}` });
  });

  it('fails when the condition is missing', async () => {
    await expect(runNode(ifNode, {})).rejects.toMatchObject({ code: 'CONFIG', message: 'Invalid configuration: condition: is required' });
  });
});
