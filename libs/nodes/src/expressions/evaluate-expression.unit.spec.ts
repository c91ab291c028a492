import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluate-expression.js';
import { ExpressionError } from './expression-error.js';
import { testScope } from '../test-support/test-scope.js';

const evaluate = (expression: string, scope = testScope()) => evaluateExpression(expression, scope);

async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ExpressionError);
  return error as ExpressionError;
}

describe('evaluateExpression', () => {
  it('evaluates against the node input as root', async () => {
    expect(await evaluate('amount > 50')).toBe(true);
    expect(await evaluate('$sum(items.qty)')).toBe(5);
    expect(await evaluate('$$.name')).toBe('Ada');
  });

  it('binds $input, $trigger, $nodes and $run', async () => {
    expect(await evaluate('$input.name')).toBe('Ada');
    expect(await evaluate('$trigger.customerId')).toBe('c-42');
    expect(await evaluate('$nodes.`fetch-user`.email')).toBe('ada@example.com');
    expect(await evaluate('$nodes.score.value * 10')).toBe(9);
    expect(await evaluate('$run')).toEqual({ runId: 'run-1', workflowId: 'wf-1', nodeId: 'node-1', attempt: 2 });
  });

  it('accepts any JSON input as root, including arrays and scalars', async () => {
    expect(await evaluate('$count($)', testScope({ input: [1, 2, 3] }))).toBe(3);
    expect(await evaluate('$ * 2', testScope({ input: 21 }))).toBe(42);
    expect(await evaluate('$ = null', testScope({ input: null }))).toBe(true);
  });

  it('converts results to plain JSON: undefined becomes null, sequences arrays', async () => {
    expect(await evaluate('missing')).toBeNull();
    const items = await evaluate('items.sku');
    expect(items).toEqual(['a', 'b']);
    expect(Object.getPrototypeOf(items)).toBe(Array.prototype);
    const object = await evaluate('{"total": $sum(items.qty), "first": items[0].sku}');
    expect(object).toEqual({ total: 5, first: 'a' });
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });

  it('refuses results that are not JSON', async () => {
    expect((await failure(evaluate('function($x) { $x }'))).message).toMatch(/not JSON.*function/);
    expect((await failure(evaluate('$uppercase'))).message).toMatch(/function/);
    expect((await failure(evaluate('{"f": $string}'))).message).toMatch(/not JSON at f/);
    expect((await failure(evaluate('1 / 0'))).message).toMatch(/Infinity/);
  });

  it('reports syntax errors with the JSONata code and position', async () => {
    const error = await failure(evaluate('amount +'));
    expect(error.code).toBe('S0207');
    expect(error.position).toBe(8);
    expect(error.expression).toBe('amount +');
    expect(error.message).toContain('at position 8');
    expect((await failure(evaluate('items[0'))).code).toBe('S0203');
    expect((await failure(evaluate('"unterminated'))).code).toBe('S0101');
  });

  it('reports evaluation errors readably', async () => {
    const error = await failure(evaluate('name + 1'));
    expect(error.code).toBe('T2001');
    expect(error.message).toMatch(/left side of the "\+" operator must evaluate to a number/i);
    expect((await failure(evaluate('$error("custom failure")'))).message).toContain('custom failure');
  });

  it('refuses an empty or an over-long expression', async () => {
    expect((await failure(evaluate('   '))).code).toBe('WEFT_EMPTY');
    const long = `"${'x'.repeat(5_000)}"`;
    expect((await failure(evaluate(long))).code).toBe('WEFT_TOO_LONG');
    expect(await evaluateExpression(long, testScope(), { maxExpressionLength: 10_000 })).toBe('x'.repeat(5_000));
  });

  it('never mutates the scope it is given', async () => {
    const scope = testScope();
    const before = structuredClone(scope);
    await evaluate('$merge([$, {"amount": 0}])', scope);
    await evaluate('$ ~> |items|{"qty": 0}|', scope);
    expect(scope).toEqual(before);
  });
});

describe('evaluateExpression limits', () => {
  it('stops runaway (non-tail) recursion by depth', async () => {
    const error = await failure(evaluate('($f := function($n) { 1 + $f($n + 1) }; $f(0))'));
    expect(error.code).toBe('D1011');
    expect(error.message).toMatch(/deeper than 300 levels/);
  });

  it('stops infinite tail recursion by time', async () => {
    const started = Date.now();
    const error = await failure(evaluateExpression('($f := function($n) { $f($n + 1) }; $f(0))', testScope(), { timeoutMs: 200 }));
    expect(error.code).toBe('D1012');
    expect(error.message).toMatch(/longer than 200 ms/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops huge loops by time', async () => {
    const started = Date.now();
    const error = await failure(evaluateExpression('$sum([1..900000].($ * 2))', testScope(), { timeoutMs: 200 }));
    expect(error.code).toBe('D1012');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('bounds sequence length', async () => {
    const error = await failure(evaluateExpression('$count([1..2000])', testScope(), { maxSequenceLength: 1_000 }));
    expect(error.code).toBe('D2015');
  });

  it('bounds string growth by doubling', async () => {
    const error = await failure(evaluate('$reduce([1..40], function($acc, $v) { $acc & $acc }, "x")'));
    expect(error.code).toBe('WEFT_LIMIT');
    expect(error.message).toMatch(/string grew over/);
  });

  it('bounds $pad, which would allocate whatever width it is asked for', async () => {
    const started = Date.now();
    expect((await failure(evaluate('$pad("", 100000000)'))).message).toMatch(/\$pad width/);
    expect(Date.now() - started).toBeLessThan(500);
    expect(await evaluate('$pad("ab", -4, "#")')).toBe('##ab');
  });

  it('bounds $distinct, which is quadratic', async () => {
    expect((await failure(evaluate('$distinct([1..20000])'))).message).toMatch(/\$distinct accepts at most/);
    expect(await evaluate('$distinct([1, 1, 2])')).toEqual([1, 2]);
  });

  it('bounds the strings a regular expression runs on', async () => {
    const input = { text: 'a'.repeat(30_000) };
    expect((await failure(evaluate('$contains(text, /b/)', testScope({ input })))).message).toMatch(/regular expression may only run/);
    expect(await evaluate('$contains("abc", /b/)')).toBe(true);
    expect(await evaluate('$replace("a-b-c", /-/, "+")')).toBe('a+b+c');
  });
});
