import type jsonata from 'jsonata';
import { ExpressionError, fromJsonataError } from './expression-error.js';
import { parseGuardedExpression } from './expression-guard.js';
import { expressionLimits, type ExpressionLimits, type ExpressionOptions, type ExpressionScope } from './expression-scope.js';
import { boundedRegExp, installGuards } from './jsonata-guards.js';

/** Evaluates expressions against one scope within one time budget. */
export type Evaluator = {
  /** The raw JSONata result (may be undefined, a sequence or a function): convert with `toJson`. */
  evaluate(source: string): Promise<unknown>;
};

type ScopeData = { input: unknown; bindings: Record<string, unknown> };

/**
 * The scope is serialized once and parsed afresh for every expression: JSONata
 * sees only plain JSON data (no host objects, prototypes or getters), and flags
 * it may set on arrays while evaluating cannot leak into the next expression.
 * The deadline is shared: `limits.timeoutMs` bounds all expressions together.
 */
export function createEvaluator(scope: ExpressionScope, options?: ExpressionOptions): Evaluator {
  const limits = expressionLimits(options);
  const serialized = serializeScope(scope);
  const deadline = Date.now() + limits.timeoutMs;
  return {
    async evaluate(source: string): Promise<unknown> {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw timeoutError(source, limits);
      const expression = await guardedExpression(source, limits);
      const data = JSON.parse(serialized) as ScopeData;
      try {
        return await expression.evaluate(data.input, data.bindings);
      } catch (error) {
        throw rephrase(fromJsonataError(error, source), limits);
      }
    },
  };
}

/**
 * Parsed, checked and guarded expressions by source and limits. Sharing one is
 * safe: JSONata gives every evaluate() call its own frame, clock and depth, and
 * the guards only read the limits. Parsing and checking cost ~10× evaluating.
 * Each evaluation is bounded by the whole `timeoutMs`; the evaluator refuses to
 * start one once the call's budget is spent.
 */
const compiled = new Map<string, Promise<jsonata.Expression>>();
const MAX_COMPILED = 5000;

function guardedExpression(source: string, limits: ExpressionLimits): Promise<jsonata.Expression> {
  const key = `${JSON.stringify(limits)}\u0000${source}`;
  let expression = compiled.get(key);
  if (!expression) {
    const parsed = parseGuardedExpression(source, limits.maxExpressionLength, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequenceLength,
      RegexEngine: boundedRegExp(limits.maxRegexInputLength),
    });
    expression = installGuards(parsed, limits).then(() => parsed);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, expression);
  }
  return expression;
}

function serializeScope(scope: ExpressionScope): string {
  const { input, trigger, nodes, run } = scope;
  const data: ScopeData = { input: input ?? null, bindings: { input: input ?? null, trigger: trigger ?? null, nodes: nodes ?? {}, run } };
  try {
    return JSON.stringify(data);
  } catch {
    throw new ExpressionError({ detail: 'the expression scope is not JSON', expression: '', code: 'WEFT_SCOPE' });
  }
}

const timeoutError = (expression: string, limits: ExpressionLimits): ExpressionError =>
  new ExpressionError({ detail: `evaluation took longer than ${limits.timeoutMs} ms`, expression, code: 'D1012' });

/** JSONata's timeout message reports the remaining budget; ours reports the configured one. */
function rephrase(error: ExpressionError, limits: ExpressionLimits): ExpressionError {
  if (error.code === 'D1012') return timeoutError(error.expression, limits);
  if (error.code === 'D1011') {
    return new ExpressionError({ detail: `evaluation nested deeper than ${limits.maxDepth} levels (runaway recursion?)`, expression: error.expression, position: error.position, code: 'D1011' });
  }
  return error;
}
