import { describe, expect, it } from 'vitest';
import { NodeExecutionError } from '../node-execution-error.js';
import { runNode } from '../test-support/run-node.js';
import { setNode } from './set.node.js';

describe('set node', () => {
  it('merges the resolved values over the input by default', async () => {
    const result = await runNode(setNode, { values: { total: '{{ $sum(items.price) }}', label: 'order {{ id }}', id: 'replaced' } }, { input: { id: 7, items: [{ price: 2 }, { price: 3 }] } });
    expect(result).toEqual({ kind: 'completed', output: { id: 'replaced', items: [{ price: 2 }, { price: 3 }], total: 5, label: 'order 7' } });
  });

  it('outputs only the values when keepInput is false', async () => {
    expect(await runNode(setNode, { values: { a: 1 }, keepInput: false }, { input: { b: 2 } })).toEqual({ kind: 'completed', output: { a: 1 } });
  });

  it('outputs only the values when the input is not an object', async () => {
    expect(await runNode(setNode, { values: { a: 1 } }, { input: [1, 2] })).toEqual({ kind: 'completed', output: { a: 1 } });
    expect(await runNode(setNode, { values: { a: 1 } }, { input: null })).toEqual({ kind: 'completed', output: { a: 1 } });
  });

  it('accepts values computed whole by one template', async () => {
    expect(await runNode(setNode, { values: '{{ {"sum": a + b} }}' }, { input: { a: 1, b: 2 } })).toEqual({ kind: 'completed', output: { a: 1, b: 2, sum: 3 } });
  });

  it.each([
    [{}, 'values: is required'],
    [{ values: [1] }, 'values: must be object, got array'],
    [{ values: '{{ 42 }}' }, 'values: must be object, got number'],
    [{ values: {}, keepInput: 'yes' }, 'keepInput: must be boolean, got string'],
    [{ values: {}, extra: 1 }, 'extra: unknown setting'],
  ])('refuses the config %j', async (config, message) => {
    const error = await runNode(setNode, config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error).toMatchObject({ code: 'CONFIG', message: `Invalid configuration: ${message}` });
  });
});
