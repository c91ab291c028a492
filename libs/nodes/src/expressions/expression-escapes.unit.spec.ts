import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
// The tally module alone: @weft/testing's index loads pg, ioredis and Prisma, which slows this file's timed cases.
import { corpusTally, SECURITY_CORPORA } from '../../../testing/src/security-tally.js';
import { evaluateExpression } from './evaluate-expression.js';
import { ExpressionError } from './expression-error.js';
import { testScope } from '../test-support/test-scope.js';

/** Set by any attempt that manages to run host code. */
const CANARY = '__weftEscaped';
const escaped = (): unknown => (globalThis as Record<string, unknown>)[CANARY];
const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const baseline = prototypeKeys();
/** The host as it was: no canary set, nothing polluted, Object.prototype's keys unchanged. */
const hostIntact = (): boolean => escaped() === undefined && ({} as Record<string, unknown>).polluted === undefined && prototypeKeys().join() === baseline.join();

/** A case counts as refused only when its expected outcome was observed and the host is intact after it; recorded for docs/RELIABILITY.md. */
const tally = corpusTally(SECURITY_CORPORA.expressions, 'one expression evaluated, refused only if it was refused (WEFT_REFUSED or an ExpressionError) or came back as the plain data expected, with no canary set on the host, no prototype polluted; leaked: cases after which the host was not intact');
const count = (attack: string, observed: boolean) => tally.count(attack, observed && hostIntact(), hostIntact() ? 0 : 1);
afterAll(() => void tally.record());

/** Either refused with an ExpressionError, or a plain JSON result: never a function, never a host object. */
async function outcome(expression: string, input: unknown = testScope().input): Promise<'refused' | 'json'> {
  try {
    const result = await evaluateExpression(expression, testScope({ input: input as never }));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    return 'json';
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return 'refused';
  }
}

afterEach(() => {
  expect(escaped()).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(prototypeKeys()).toEqual(baseline);
});

describe('expression guards: refused before evaluation', () => {
  const refused = [
    '$.constructor',
    '$$.__proto__',
    '$string.constructor',
    '$lookup($, "constructor")',
    '$lookup($, \'__proto__\')',
    '$.`constructor`',
    '$."__proto__"',
    '$.prototype',
    'items[0].constructor.prototype',
    '$.*.constructor',
    '$.**.__proto__',
    '$string.constructor("globalThis.__weftEscaped = true")()',
    '$lookup($lookup($, "constructor"), "constructor")("return process")()',
    '$sift($, function($v, $k) { $k = "__proto__" })',
    '{"__proto__": {"polluted": true}}',
    '$ ~> |$|{"__proto__": {"polluted": true}}|',
    '$ ~> |items|{"constructor": {"prototype": {"polluted": true}}}|',
    '$merge([{}, {"constructor": {"prototype": {"polluted": 1}}}])',
    '$.__defineGetter__',
    '$.__lookupGetter__("x")',
    '$._jsonata_lambda',
    '{"_jsonata_function": true, "implementation": 1}',
    '$eval("1 + 1")',
    '$eval("$.constr" & "uctor")',
    '($e := $eval; $e("1"))',
    '$eval(?)',
    'items@$constructor',
    'items#$__proto__',
    '$constructor',
  ];
  it.each(refused)('%s', async (expression) => {
    const error = await evaluateExpression(expression, testScope()).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    count('names of constructors, prototypes, internals and $eval, refused before evaluation', error instanceof ExpressionError && error.code === 'WEFT_REFUSED');
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).code).toBe('WEFT_REFUSED');
  });
});

describe('expression guards: dynamic attempts evaluate to data or fail, never reach the host', () => {
  it.each([
    ['$lookup($, "con" & "structor")', null],
    ['$lookup($, "__pro" & "to__")', null],
    ['$lookup($string, "implementation")', null],
    ['$lookup($string, "con" & "structor")', null],
    ['$spread($string).implementation', null],
    ['$keys($string)', null],
    ['($f := function() { 1 }; $f.environment)', null],
    ['($f := function() { 1 }; $f.body)', null],
    ['($f := function() { 1 }; $keys($f))', null],
    ['($f := function() { 1 }; $lookup($f, "environ" & "ment"))', null],
    ['($r := /a/; $lookup($r, "con" & "structor"))', null],
    ['"abc".length', null],
    ['$string($string)', ''],
    ['$type($string)', 'function'],
  ])('%s → %j', async (expression, expected) => {
    const result = await evaluateExpression(expression, testScope());
    count('dynamic lookups of internals, evaluating to harmless data', JSON.stringify(result) === JSON.stringify(expected));
    expect(result).toEqual(expected);
  });

  it.each([
    '$string.**',
    '$each({"a": $string}, function($v) { $v })',
    '$spread({"a": $string}).a',
    '($r := /a/; $r("a").next)',
    '$sift($string, function($v) { true })',
    '$merge([$string])',
    '$clone($string)',
  ])('%s is refused as data', async (expression) => {
    const result = await outcome(expression);
    count('functions passed around as data', result === 'refused');
    expect(result).toBe('refused');
  });

  it.each([
    '{ ("__pro" & "to__"): {"polluted": true} }',
    '$ ~> |$|{ ("__pro" & "to__"): {"polluted": true} }|',
    '$ ~> |items|{ ("__pro" & "to__"): {"polluted": true} }|',
    '($o := { ("__pro" & "to__"): {"polluted": true} }; $o.polluted)',
    'items{ ("__pro" & "to__"): sku }',
    '$merge([{ ("__pro" & "to__"): {"polluted": true} }])',
    '$sift({ ("__pro" & "to__"): {"polluted": true} }, function() { true })',
  ])('computed key %s pollutes nothing', async (expression) => {
    const result = await outcome(expression);
    count('prototype pollution through computed keys', ['refused', 'json'].includes(result));
    expect(['refused', 'json']).toContain(result);
  });

  it('data keys that look dangerous are just data', async () => {
    const input = JSON.parse('{"constructor": "plain", "__proto__": {"polluted": true}}') as unknown;
    expect(await evaluateExpression('$lookup($, "con" & "structor")', testScope({ input: input as never }))).toBe('plain');
    expect(await evaluateExpression('$keys($)', testScope({ input: input as never }))).toEqual(['constructor', '__proto__']);
    expect(await evaluateExpression('$merge([$, {"a": 1}])', testScope({ input: input as never }))).toEqual({ constructor: 'plain', ['__proto__']: { polluted: true }, a: 1 });
  });

  it('arbitrary navigation from functions, regexes and data never yields a function or host object', async () => {
    const roots = ['$', '$$', '$string', '$lookup', 'function() { 1 }', '/a/', '($r := /a/; $r("a"))', '$match("ab", /a/)', '$spread($string)', '$millis', '$now()', '$input', '$nodes'];
    const steps = ['implementation', 'environment', 'body', 'input', 'signature', 'definition', 'validate', 'lookup', 'bind', 'base', 'options', 'RegexEngine', 'timestamp', 'next', 'apply', 'call', 'global', 'ancestry', '*', '**', '[0]'];
    const dynamicKey = fc.constantFrom('"con" & "structor"', '"__pro" & "to__"', '"proto" & "type"', '"implemen" & "tation"', '"environ" & "ment"');
    const expression = fc.oneof(
      fc.tuple(fc.constantFrom(...roots), fc.array(fc.constantFrom(...steps), { maxLength: 4 })).map(([root, path]) =>
        [`(${root})`, ...path].join('.').replace(/\.\[/g, '['),
      ),
      fc.tuple(fc.constantFrom(...roots), dynamicKey).map(([root, key]) => `$lookup((${root}), ${key})`),
      fc.tuple(fc.constantFrom(...roots), fc.constantFrom('$keys', '$spread', '$string', '$type', '$exists', '$count', '$reverse')).map(([root, fn]) => `${fn}((${root}))`),
    );
    await fc.assert(
      fc.asyncProperty(expression, async (source) => {
        await outcome(source);
        count('random navigation from functions, regexes and data', true);
        expect(escaped()).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('expression limits: host names, runaway work and huge values are refused, the host unharmed', () => {
  it.each([
    ['require', '$require("fs")'],
    ['import', '$import("fs")'],
    ['catastrophic regex backtracking', '$match($pad("", 40, "a") & "b", /^(a+)+$/)'],
    ['backtracking through $replace', '$replace($pad("", 40, "a") & "b", /(a|aa)+$/, "x")'],
    ['deep recursion', '($f := function($n) { $f($n + 1) }; $f(0))'],
    ['a huge range', '$count([1..1000000000])'],
    ['a quoted name', '`constructor`'],
    ['string doubling', '($d := function($s, $n) { $n = 0 ? $s : $d($s & $s, $n - 1) }; $length($d("x", 40)))'],
  ])('%s is refused', async (_name, expression) => {
    const started = performance.now();
    const result = await outcome(expression);
    const took = performance.now() - started;
    count('host names, runaway work and huge values', result === 'refused' && took < 5_000);
    expect(result).toBe('refused');
    expect(took).toBeLessThan(5_000);
  });

  it.each(['$process.exit', '$globalThis.process', '$$.process.env', '`${constructor.constructor("return process")()}`'])(
    '%s names nothing: no such variable, no such field',
    async (expression) => {
      const result = await evaluateExpression(expression, testScope());
      count('host names, runaway work and huge values', result === null);
      expect(result).toBeNull();
    },
  );

  it('evaluates normally afterwards', async () => {
    expect(await evaluateExpression('$sum([1, 2, 3])', testScope())).toBe(6);
  });
});
