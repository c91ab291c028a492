import type { Json } from '@weft/domain';
import { createEvaluator } from './expression-evaluator.js';
import type { ExpressionOptions, ExpressionScope } from './expression-scope.js';
import { resultToJson } from './resolve-templates.js';

/**
 * Evaluates one JSONata expression (without `{{ }}`) against the scope: `$` is the
 * node input; `$input`, `$trigger`, `$nodes` and `$run` are bound. The result is
 * converted to JSON (undefined → null).
 * @throws ExpressionError on a syntax error, a refused construct, a failure while
 * evaluating, a limit exceeded, or a result that is not JSON (a function, a non-finite number).
 */
export async function evaluateExpression(expression: string, scope: ExpressionScope, options?: ExpressionOptions): Promise<Json> {
  return resultToJson(await createEvaluator(scope, options).evaluate(expression), expression);
}
