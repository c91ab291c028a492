import { afterAll, afterEach, describe, expect, it } from 'vitest';
// The tally module alone: @weft/testing's index loads pg, ioredis and Prisma, which slows this file's timed cases.
import { corpusTally, SECURITY_CORPORA } from '../../../testing/src/security-tally.js';
import { createCodeNode } from '../built-in/code.node.js';
import type { NodeResult } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { runNode } from '../test-support/run-node.js';
import { createSandboxPool } from './sandbox-pool.js';

const pool = createSandboxPool();
const codeNode = createCodeNode(() => pool);
afterAll(() => pool.close());

/** Set on the host's global by any attempt that manages to run host code. */
const CANARY = '__weftEscaped';
const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const baseline = { keys: prototypeKeys(), toString: Object.prototype.toString, arrayPush: Array.prototype.push, json: JSON.stringify };
/** The host realm as it was: no canary, no pollution, its prototypes and JSON untouched. */
const hostIntact = (): boolean =>
  (globalThis as Record<string, unknown>)[CANARY] === undefined &&
  ({} as Record<string, unknown>).polluted === undefined &&
  prototypeKeys().join() === baseline.keys.join() &&
  Object.prototype.toString === baseline.toString &&
  Array.prototype.push === baseline.arrayPush &&
  JSON.stringify === baseline.json;
/** Host objects or paths showing through an answer. */
const HOST_TRACE = /"(object|function)"|node:|\/work\/|file:/;

/** A case counts as refused only when its expected outcome was observed and the host is intact after it; recorded for docs/RELIABILITY.md. */
const tally = corpusTally(SECURITY_CORPORA.sandbox, 'one program run by the code node, refused only if it ended as expected (the sandbox error code, the time or memory limit, or a JSON answer with no host object in it) and the host realm is intact after it; leaked: cases after which it was not');
const count = (attack: string, observed: boolean) => tally.count(attack, observed && hostIntact(), hostIntact() ? 0 : 1);
afterAll(() => void tally.record());

afterEach(() => {
  expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(prototypeKeys()).toEqual(baseline.keys);
  expect(Object.prototype.toString).toBe(baseline.toString);
  expect(Array.prototype.push).toBe(baseline.arrayPush);
  expect(JSON.stringify).toBe(baseline.json);
});

type Outcome = { output: unknown } | { code: string; message: string };

async function attempt(code: string, config: Record<string, unknown> = {}): Promise<Outcome> {
  try {
    const result: NodeResult = await runNode(codeNode, { code, timeoutMs: 500, memoryMb: 16, ...config }, { input: { secret: 'input' } });
    // Whatever comes back is a plain JSON copy: no host object, no function.
    expect(JSON.parse(JSON.stringify(result.output))).toEqual(result.output);
    return { output: result.output };
  } catch (error) {
    expect(error).toBeInstanceOf(NodeExecutionError);
    const { code: errorCode, message } = error as NodeExecutionError;
    return { code: errorCode, message };
  }
}

describe('code node escape corpus: the host realm is out of reach', () => {
  it.each([
    ['this.constructor.constructor', 'return this.constructor.constructor("return process")()'],
    ['a function constructor from an arrow', 'return (() => {}).constructor("return process")()'],
    ['Function("return this")', 'const g = Function("return this")(); return [typeof g.process, typeof g.require, typeof g.Buffer]'],
    ['globalThis.process', 'return [typeof globalThis.process, typeof process, typeof require, typeof module, typeof Buffer]'],
    ['host capabilities', 'return [typeof fetch, typeof setTimeout, typeof setInterval, typeof queueMicrotask, typeof WebAssembly, typeof XMLHttpRequest, typeof std, typeof os, typeof Atomics]'],
    ['constructor of the input', 'return input.constructor.constructor("return process")()'],
    ['eval reaching for process', 'return eval("typeof process")'],
    ['indirect eval', 'return (0, eval)("typeof globalThis.process")'],
    ['template-literal trick', 'return `${constructor.constructor("return process")()}`'],
    ['tagged template trick', 'const tag = (s) => Function(s[0])(); return tag`return typeof process`'],
    ['the error stack', 'try { null.x } catch (e) { return e.stack }'],
  ])('%s sees only the sandbox', async (_name, code) => {
    // Refused (no such thing in the sandbox), or a JSON answer in which no host object shows.
    const outcome = await attempt(code);
    count('reaching the host realm (constructors, eval, globals, stacks)', ('code' in outcome ? outcome.code === 'CODE' : true) && !HOST_TRACE.test(JSON.stringify(outcome)));
    if ('code' in outcome) expect(outcome.code).toBe('CODE');
    expect(JSON.stringify(outcome)).not.toMatch(/"(object|function)"|node:|\/work\/|file:/);
  });

  it.each([
    ['closing the wrapper early', '}); globalThis.__weftEscaped = 1; (function () {', /closes its function early/],
    ['static import', 'import fs from "fs"; return 1', /'import' and 'export' may only appear at the top level \(line 1\)/],
  ])('%s is refused before it runs, and contained by the sandbox all the same', async (_name, code, message) => {
    const checked = await attempt(code);
    expect(checked).toMatchObject({ code: 'CONFIG', message: expect.stringMatching(message) as unknown });
    // Past the syntax check (e.g. a node config never validated), the sandbox still holds it.
    const outcome = await pool.run(code, { input: null, inputs: {}, data: null, run: { runId: 'r', workflowId: 'w', nodeId: 'n', attempt: 1 } }, { timeoutMs: 500, memoryBytes: 16 * 1024 * 1024, maxStackBytes: 512 * 1024 }, AbortSignal.timeout(5_000));
    count('breaking out of the wrapper, static import', 'code' in checked && checked.code === 'CONFIG' && message.test(checked.message) && !HOST_TRACE.test(JSON.stringify(outcome)));
    expect(JSON.stringify(outcome)).not.toMatch(/"(object|function)"|node:|\/work\/|file:/);
  });

  it('has SharedArrayBuffer only as the sandbox\'s own, and no Atomics to block with', async () => {
    const outcome = await attempt('const b = new SharedArrayBuffer(8); return [b.byteLength, typeof Atomics]');
    count('host capabilities (require, process, import, fetch, Atomics)', JSON.stringify(outcome) === JSON.stringify({ output: [8, 'undefined'] }));
    expect(outcome).toEqual({ output: [8, 'undefined'] });
  });

  it.each([
    ['require("fs")', 'return require("fs").readFileSync("/etc/passwd", "utf8")', /ReferenceError: 'require' is not defined/],
    ['process.exit', 'process.exit(1)', /ReferenceError: 'process' is not defined/],
    ['import() of fs', 'return await import("fs")', /not supported|could not load|ReferenceError|TypeError|SyntaxError/],
    ['import() of a file URL', 'return await import("file:///etc/passwd")', /not supported|could not load|ReferenceError|TypeError|SyntaxError/],
    ['fetch', 'return await fetch("http://169.254.169.254/")', /ReferenceError: 'fetch' is not defined/],
    ['Atomics.wait', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10000); return 1', /ReferenceError|TypeError/],
  ])('%s is refused', async (_name, code, message) => {
    const outcome = await attempt(code);
    count('host capabilities (require, process, import, fetch, Atomics)', 'code' in outcome && outcome.code === 'CODE' && message.test(outcome.message));
    expect(outcome).toMatchObject({ code: 'CODE', message: expect.stringMatching(message) as unknown });
  });

  it.each([
    ['__proto__ pollution', '({}).__proto__.polluted = 1; Object.prototype.polluted2 = 2; return ({}).polluted'],
    ['Object.prototype.toString replaced', 'Object.prototype.toString = () => "pwned"; return String({})'],
    ['Array.prototype.push replaced', 'Array.prototype.push = function () { globalThis.__weftEscaped = 1 }; return [1].length'],
    ['JSON.stringify replaced', 'JSON.stringify = () => "\\"pwned\\""; return { real: true }'],
    ['a toJSON hook', 'return { toJSON() { return { hooked: true } } }'],
    ['a __proto__ key in the output', 'return JSON.parse(\'{"__proto__": {"polluted": 1}, "a": 1}\')'],
  ])('%s stays inside the sandbox', async (_name, code) => {
    const outcome = await attempt(code);
    count('polluting prototypes and JSON', 'output' in outcome);
    expect(outcome).toHaveProperty('output');
  });

  it('returns the replaced JSON.stringify no power: the output is read with the original', async () => {
    expect(await attempt('JSON.stringify = () => "\\"pwned\\""; return { real: true }')).toEqual({ output: { real: true } });
    const polluted = (await attempt('return JSON.parse(\'{"__proto__": {"polluted": 1}}\')')) as { output: Record<string, unknown> };
    expect(Object.getPrototypeOf(polluted.output)).toBe(Object.prototype);
  });

  it.each([
    ['while (true) {}', 'while (true) {}'],
    ['an infinite loop that catches', 'for (;;) { try { while (true) {} } catch (e) {} }'],
    ['endless promise jobs', 'const spin = () => { Promise.resolve().then(spin); }; spin(); await new Promise(() => {});'],
    ['catastrophic regex backtracking', 'return /^(a+)+$/.test("a".repeat(40) + "b")'],
  ])('%s is stopped at the time limit', async (_name, code) => {
    const started = performance.now();
    const outcome = await attempt(code, { timeoutMs: 200 });
    const took = performance.now() - started;
    count('runaway time', 'code' in outcome && outcome.code === 'TIMEOUT' && took < 2_000);
    expect(outcome).toMatchObject({ code: 'TIMEOUT' });
    expect(took).toBeLessThan(2_000);
  });

  it('reads a thrown value within a budget of its own: a getter that loops is cut short', async () => {
    const started = performance.now();
    const outcome = await attempt('throw { get message() { while (true) {} } }', { timeoutMs: 5_000 });
    const took = performance.now() - started;
    count('runaway time', 'code' in outcome && outcome.code === 'CODE' && took < 1_000);
    expect(outcome).toMatchObject({ code: 'CODE' });
    expect(took).toBeLessThan(1_000);
  });

  it.each([
    ['new Array(1e9).fill(0)', 'new Array(1e9).fill(0); return 1'],
    ['string doubling', 'let s = "x"; while (true) { s = s + s; s.charCodeAt(s.length - 1); }'],
    ['many large strings', 'const keep = []; while (true) keep.push("x".repeat(1e6) + keep.length);'],
    ['many typed arrays', 'const keep = []; while (true) keep.push(new Uint8Array(1e6));'],
    ['many small objects', 'const keep = []; while (true) keep.push({ n: keep.length });'],
    ['one huge buffer', 'return new ArrayBuffer(1e9).byteLength'],
  ])('%s is stopped at the memory limit', async (_name, code) => {
    const outcome = await attempt(code, { memoryMb: 8, timeoutMs: 5_000 });
    count('runaway memory and stack', 'code' in outcome && outcome.code === 'OUT_OF_MEMORY');
    expect(outcome).toMatchObject({ code: 'OUT_OF_MEMORY' });
  });

  it('stops deep recursion at the stack limit', async () => {
    const recursion = await attempt('const f = (n) => f(n + 1) + 1; return f(0)');
    count('runaway memory and stack', 'code' in recursion && recursion.code === 'CODE' && recursion.message.includes('stack overflow'));
    const cyclic = await attempt('const a = []; a[0] = a; return a');
    count('runaway memory and stack', 'code' in cyclic && cyclic.code === 'CODE');
    expect(recursion).toMatchObject({ code: 'CODE', message: expect.stringContaining('stack overflow') as unknown });
    expect(cyclic).toMatchObject({ code: 'CODE' });
  });

  it('leaves the host healthy: the event loop kept running, later runs work, memory did not blow up', async () => {
    const rssBefore = process.memoryUsage().rss;
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const stopped = Promise.all([
      attempt('while (true) {}', { timeoutMs: 300 }),
      attempt('const keep = []; while (true) keep.push("x".repeat(1e6) + keep.length);', { memoryMb: 64, timeoutMs: 5_000 }),
    ]);
    expect(await attempt('return input.secret + "!"')).toEqual({ output: 'input!' });
    expect(await stopped).toMatchObject([{ code: 'TIMEOUT' }, { code: 'OUT_OF_MEMORY' }]);
    clearInterval(ticker);
    // The infinite loop ran on a sandbox thread: the host's timers kept firing meanwhile.
    expect(ticks).toBeGreaterThan(10);
    for (let round = 0; round < 5; round += 1) expect(await attempt(`return ${round} * 2`)).toEqual({ output: round * 2 });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
    expect(pool.size()).toBeLessThanOrEqual(3);
  });
});
