import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BlockedAddressError } from './http/blocked-address-error.js';
import type { NodeDefinition, NodeExecutionContext, NodeResult } from './node-definition.js';
import { NodeExecutionError } from './node-execution-error.js';
import { runNode } from './test-support/run-node.js';
import { failure } from './test-support/expect-failure.js';

type EchoConfig = { message: string; count: number; code?: string };

/** A node whose behaviour each test chooses. */
function probe(execute: (ctx: NodeExecutionContext<EchoConfig>) => Promise<NodeResult>, extra: Partial<NodeDefinition<EchoConfig>> = {}): NodeDefinition<EchoConfig> {
  return {
    type: 'probe',
    title: 'Probe',
    description: 'test node',
    category: 'data',
    configSchema: z.strictObject({ message: z.string(), count: z.number().int(), code: z.string().optional() }),
    execute,
    ...extra,
  };
}

const completed = (output: unknown): Promise<NodeResult> => Promise.resolve({ kind: 'completed', output } as NodeResult);

describe('executeNode', () => {
  it('resolves templates from input, trigger, nodes and run, then validates and executes', async () => {
    let seen: NodeExecutionContext<EchoConfig> | undefined;
    const definition = probe((ctx) => {
      seen = ctx;
      return completed({ echoed: ctx.config.message, count: ctx.config.count });
    });
    const result = await runNode(definition, { message: '{{ name }} / {{ $trigger.id }} / {{ $nodes.prev.n }} / {{ $run.attempt }}', count: '{{ $nodes.prev.n * 2 }}' }, {
      input: { name: 'Ada' },
      inputs: { prev: { n: 21 } },
      scope: { trigger: { id: 't-1' }, nodes: { prev: { n: 21 } } },
    });
    expect(result).toEqual({ kind: 'completed', output: { echoed: 'Ada / t-1 / 21 / 1', count: 42 } });
    expect(seen?.input).toEqual({ name: 'Ada' });
    expect(seen?.inputs).toEqual({ prev: { n: 21 } });
    expect(seen?.run.nodeId).toBe('node-1');
  });

  it('lets the caller pass the template input and run in the scope', async () => {
    const definition = probe((ctx) => completed(ctx.config.message));
    const scope = { trigger: {}, nodes: {}, input: { who: 'scope' }, run: { runId: 'r', workflowId: 'w', nodeId: 'n', attempt: 9 } };
    expect(await runNode(definition, { message: '{{ who }}/{{ $run.attempt }}', count: 1 }, { input: { who: 'param' }, scope })).toEqual({ kind: 'completed', output: 'scope/9' });
  });

  it('leaves rawConfigKeys exactly as written', async () => {
    const definition = probe((ctx) => completed(ctx.config), { rawConfigKeys: ['code'] });
    const result = await runNode(definition, { message: '{{ "a" & "b" }}', count: 1, code: 'return {{ not an expression }}' });
    expect(result).toEqual({ kind: 'completed', output: { message: 'ab', count: 1, code: 'return {{ not an expression }}' } });
  });

  it('fails with EXPRESSION, naming the field, when a template fails', async () => {
    const error = await failure(runNode(probe(() => completed({})), { message: 'ok', count: '{{ count + }}' }));
    expect(error).toMatchObject({ code: 'EXPRESSION', retryable: false, field: 'count' });
    expect(error.message).toMatch(/^count: .*Unexpected end of expression/);
  });

  it('fails with CONFIG, naming the field path and the type it got', async () => {
    const error = await failure(runNode(probe(() => completed({})), { message: '{{ 42 }}', count: 1 }));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, field: 'message' });
    expect(error.message).toBe('Invalid configuration: message: must be string, got number');
    const missing = await failure(runNode(probe(() => completed({})), { message: 'x' }));
    expect(missing.message).toBe('Invalid configuration: count: is required');
    const unknown = await failure(runNode(probe(() => completed({})), { message: 'x', count: 1, extra: true }));
    expect(unknown.message).toBe('Invalid configuration: extra: unknown setting');
  });

  it('wraps whatever the plugin throws', async () => {
    const error = await failure(runNode(probe(() => Promise.reject(new Error('boom'))), { message: 'x', count: 1 }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: true, message: 'Error: boom' });
    const thrown = await failure(runNode(probe(() => Promise.reject(new Error('x'.repeat(2_000)))), { message: 'x', count: 1 }));
    expect(thrown.message.length).toBeLessThan(600);
    const synchronous = await failure(
      runNode(
        probe(() => {
          throw new TypeError('sync');
        }),
        { message: 'x', count: 1 },
      ),
    );
    expect(synchronous.message).toBe('TypeError: sync');
    const notAnError = await failure(
      runNode(
        probe(() => {
          // A plugin may throw anything: a string is the classic case.
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw 'a string';
        }),
        { message: 'x', count: 1 },
      ),
    );
    expect(notAnError.message).toBe('Non-error thrown: string');
  });

  it('passes a plugin NodeExecutionError through, and a blocked address as non-retryable', async () => {
    const own = new NodeExecutionError('EXECUTION', 'HTTP 404', false);
    expect(await failure(runNode(probe(() => Promise.reject(own)), { message: 'x', count: 1 }))).toBe(own);
    const blocked = await failure(runNode(probe(() => Promise.reject(new BlockedAddressError('10.0.0.1', '10.0.0.1', 'private address'))), { message: 'x', count: 1 }));
    expect(blocked).toMatchObject({ code: 'EXECUTION', retryable: false, message: 'Blocked request to 10.0.0.1: private address' });
  });

  it('checks branches: declared ones only, and only for branching nodes', async () => {
    const branching = (branch: unknown) => probe(() => Promise.resolve({ kind: 'completed', output: 1, branch } as NodeResult), { branches: ['yes', 'no'] });
    expect(await runNode(branching('no'), { message: 'x', count: 1 })).toEqual({ kind: 'completed', output: 1, branch: 'no' });
    expect((await failure(runNode(branching('maybe'), { message: 'x', count: 1 }))).message).toMatch(/one of the branches "yes", "no"/);
    expect((await failure(runNode(branching(undefined), { message: 'x', count: 1 }))).code).toBe('INVALID_RESULT');
    const plain = probe(() => Promise.resolve({ kind: 'completed', output: 1, branch: 'yes' }));
    expect((await failure(runNode(plain, { message: 'x', count: 1 }))).message).toMatch(/has no branches/);
  });

  it('requires a JSON output', async () => {
    const cases: [unknown, RegExp][] = [
      [{ f: () => 1 }, /output\.f: a function is not JSON/],
      [{ n: Number.NaN }, /output\.n: NaN is not a JSON number/],
      [{ d: new Date(0) }, /output\.d: only plain objects are JSON/],
      [[1, 10n], /output\.1: a bigint is not JSON/],
    ];
    for (const [output, message] of cases) {
      const error = await failure(runNode(probe(() => completed(output)), { message: 'x', count: 1 }));
      expect(error.code).toBe('INVALID_RESULT');
      expect(error.message).toMatch(message);
    }
    expect(await runNode(probe(() => completed({ a: undefined, b: [undefined] })), { message: 'x', count: 1 })).toEqual({ kind: 'completed', output: { b: [null] } });
    expect((await failure(runNode(probe(() => Promise.resolve(undefined as unknown as NodeResult)), { message: 'x', count: 1 }))).code).toBe('INVALID_RESULT');
    expect((await failure(runNode(probe(() => Promise.resolve({ kind: 'done' } as unknown as NodeResult)), { message: 'x', count: 1 }))).code).toBe('INVALID_RESULT');
  });

  it('limits the serialized output size', async () => {
    const definition = probe(() => completed({ text: 'é'.repeat(60) }));
    const error = await failure(runNode(definition, { message: 'x', count: 1 }, { limits: { maxOutputBytes: 100 } }));
    expect(error).toMatchObject({ code: 'OUTPUT_TOO_LARGE', retryable: false });
    expect(error.message).toBe("The node's output is 131 bytes, over the limit of 100");
    expect(await runNode(definition, { message: 'x', count: 1 }, { limits: { maxOutputBytes: 131 } })).toMatchObject({ kind: 'completed' });
  });

  it('checks and normalizes a wait', async () => {
    const waiting = (until: string) => probe(() => Promise.resolve({ kind: 'wait', until, output: null }));
    expect(await runNode(waiting('2030-01-01T01:00:00+01:00'), { message: 'x', count: 1 })).toEqual({ kind: 'wait', until: '2030-01-01T00:00:00.000Z', output: null });
    expect((await failure(runNode(waiting('soon'), { message: 'x', count: 1 }))).message).toMatch(/valid "until"/);
  });

  it('fails with ABORTED when the signal fires, even if the plugin ignores it', async () => {
    const controller = new AbortController();
    const hanging = probe(() => new Promise<NodeResult>(() => undefined));
    const pending = runNode(hanging, { message: 'x', count: 1 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await failure(pending)).toMatchObject({ code: 'ABORTED', retryable: false });
    expect(await failure(runNode(hanging, { message: 'x', count: 1 }, { signal: AbortSignal.abort() }))).toMatchObject({ code: 'ABORTED' });
  });

  it('fails with TIMEOUT (retryable) past the attempt time limit', async () => {
    let signalled = false;
    const slow = probe(
      (ctx) =>
        new Promise<NodeResult>((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            signalled = true;
            reject(new Error('aborted'));
          });
        }),
    );
    const error = await failure(runNode(slow, { message: 'x', count: 1 }, { limits: { timeoutMs: 30 } }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, message: 'The node did not finish within 30 ms' });
    expect(signalled).toBe(true);
  });

  it('passes expression limits to template resolution', async () => {
    const error = await failure(runNode(probe(() => completed({})), { message: '{{ $string($count([1..5000])) }}', count: 1 }, { limits: { expressions: { maxSequenceLength: 100 } } }));
    expect(error).toMatchObject({ code: 'EXPRESSION', field: 'message' });
  });
});
