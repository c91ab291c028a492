import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from '../sandbox/sandbox-pool.js';
import { failure } from '../test-support/expect-failure.js';
import { memoryLogger, runNode, type RunNodeOptions } from '../test-support/run-node.js';
import type { NodeDefinition } from '../node-definition.js';
import { validateUnresolvedConfig } from '../registry.js';
import { createCodeNode } from './code.node.js';

const pool = createSandboxPool();
const codeNode = createCodeNode(() => pool);
afterAll(() => pool.close());

const output = async (code: string, options: RunNodeOptions = {}, config: Record<string, unknown> = {}) => {
  const result = await runNode(codeNode, { code, ...config }, options);
  expect(result.kind).toBe('completed');
  return result.output;
};

describe('code node', () => {
  it('returns what the code returns, computed from its input', async () => {
    expect(await output('return input.items.map((item) => item.price * 2);', { input: { items: [{ price: 1 }, { price: 2.5 }] } })).toEqual([2, 5]);
    expect(await output('return 42')).toBe(42);
    expect(await output('return null')).toBeNull();
    expect(await output('return { nested: { list: [1, "two", true, null] } }')).toEqual({ nested: { list: [1, 'two', true, null] } });
  });

  it('sees inputs by predecessor id, the run, and data with its templates resolved', async () => {
    const options: RunNodeOptions = { input: { a: 1 }, inputs: { left: { a: 1 }, right: { b: 2 } }, scope: { trigger: { who: 'ada' }, nodes: {} } };
    expect(await output('return [Object.keys(inputs), data.trigger.who, run.nodeId, run.attempt]', options, { data: { trigger: '{{ $trigger }}' } })).toEqual([['left', 'right'], 'ada', 'node-1', 1]);
    expect(await output('return data', {}, {})).toBeNull();
  });

  it('keeps the code as written: {{ }} inside it is JavaScript text, not a template', async () => {
    expect(await output('return "{{ $trigger }}"')).toBe('{{ $trigger }}');
  });

  it('awaits async code', async () => {
    expect(await output('const double = async (n) => n * 2; return await Promise.all([double(1), double(2)]);')).toEqual([2, 4]);
  });

  it('captures console lines into the node log, bounded', async () => {
    const log = memoryLogger();
    await output('console.log("hello", { a: 1 }, [2]); console.warn("careful"); console.error(new Error("bad").message); return 1', { log });
    expect(log.entries).toEqual([
      { level: 'info', message: 'hello {"a":1} [2]' },
      { level: 'warn', message: 'careful' },
      { level: 'error', message: 'bad' },
    ]);
    const flood = memoryLogger();
    await output('for (let i = 0; i < 250; i++) console.log("x".repeat(5000)); return 1', { log: flood });
    expect(flood.entries).toHaveLength(101);
    expect(flood.entries[0]!.message).toHaveLength(2001);
    expect(flood.entries[100]).toEqual({ level: 'warn', message: '150 more console lines dropped (limit 100)' });
  });

  it('refuses code that does not compile before it reaches the sandbox, naming the line, both at publish and at run time', async () => {
    const code = 'const a = 1;\nconst b = ;\nreturn a';
    expect(validateUnresolvedConfig(codeNode as NodeDefinition, { code })).toEqual([{ field: 'code', message: 'Unexpected token (line 2)' }]);
    const error = await failure(runNode(codeNode, { code }));
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false, message: 'Invalid configuration: code: Unexpected token (line 2)' });
  });

  it('reports a runtime error with its message and line, and keeps the logs written before it', async () => {
    const log = memoryLogger();
    const error = await failure(runNode(codeNode, { code: 'console.log("before");\n\nnull.x;' }, { log }));
    expect(error).toMatchObject({ code: 'CODE', retryable: false, message: "TypeError: cannot read property 'x' of null (line 3)" });
    expect(log.entries).toEqual([{ level: 'info', message: 'before' }]);
    expect(await failure(runNode(codeNode, { code: 'throw new RangeError("too far")' }))).toMatchObject({ message: 'RangeError: too far (line 1)' });
    expect(await failure(runNode(codeNode, { code: 'throw { reason: "plain" }' }))).toMatchObject({ code: 'CODE', message: 'Uncaught {"reason":"plain"}' });
    expect(await failure(runNode(codeNode, { code: 'await Promise.reject(new Error("later"))' }))).toMatchObject({ code: 'CODE', message: 'Error: later (line 1)' });
  });

  it.each([
    ['const x = 1', 'got undefined (missing return?)'],
    ['return () => 1', 'got function'],
    ['return Symbol("s")', 'got symbol'],
  ])('refuses a return value that is not JSON: %s', async (code, message) => {
    const error = await failure(runNode(codeNode, { code }));
    expect(error).toMatchObject({ code: 'CODE', retryable: false });
    expect(error.message).toContain(message);
  });

  it('refuses values JSON cannot hold and promises that never settle', async () => {
    expect(await failure(runNode(codeNode, { code: 'return 1n' }))).toMatchObject({ code: 'CODE', message: expect.stringMatching(/^TypeError/) as unknown });
    expect(await failure(runNode(codeNode, { code: 'const a = {}; a.self = a; return a' }))).toMatchObject({ code: 'CODE', message: expect.stringMatching(/^TypeError: circular/) as unknown });
    expect(await failure(runNode(codeNode, { code: 'await new Promise(() => {}); return 1' }))).toMatchObject({ code: 'CODE', message: expect.stringContaining('never settles') as unknown });
  });

  it('keeps no state from one run to the next', async () => {
    expect(await output('globalThis.leftover = 1; Array.prototype.extra = 2; return 1')).toBe(1);
    expect(await output('return [typeof leftover, typeof [].extra]')).toEqual(['undefined', 'undefined']);
  });

  it('stops at its time limit with TIMEOUT, not retryable', async () => {
    const started = performance.now();
    const error = await failure(runNode(codeNode, { code: 'while (true) {}', timeoutMs: 100 }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, message: 'The code did not finish within 100 ms' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('stops at its memory limit with OUT_OF_MEMORY', async () => {
    expect(await failure(runNode(codeNode, { code: 'const all = []; while (true) all.push(new Array(1e5).fill(1));', memoryMb: 8 }))).toMatchObject({
      code: 'OUT_OF_MEMORY',
      retryable: false,
      message: 'The code went over its memory limit of 8 MB',
    });
  });

  it('stops when the run is aborted', async () => {
    const controller = new AbortController();
    const pending = runNode(codeNode, { code: 'while (true) {}', timeoutMs: 30_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(pending)).toMatchObject({ code: 'ABORTED' });
  });

  it.each([
    [{}, 'code: is required'],
    [{ code: '' }, 'code: Too small: expected string to have >=1 characters'],
    [{ code: 'return 1', timeoutMs: 30_001 }, 'timeoutMs: Too big: expected number to be <=30000'],
    [{ code: 'return 1', memoryMb: 129 }, 'memoryMb: Too big: expected number to be <=128'],
    [{ code: 'return 1', memoryMb: 'lots' }, 'memoryMb: must be number, got string'],
    [{ code: 'return 1', extra: true }, 'extra: unknown setting'],
  ])('refuses the config %j', async (config, message) => {
    expect(await failure(runNode(codeNode, config as never))).toMatchObject({ code: 'CONFIG', message: `Invalid configuration: ${message}` });
  });
});
