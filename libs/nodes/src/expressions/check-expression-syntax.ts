import { ExpressionError } from './expression-error.js';
import { parseGuardedExpression } from './expression-guard.js';
import { expressionLimits } from './expression-scope.js';

/**
 * Pure and synchronous (parses, never evaluates): the reason one JSONata expression
 * (without `{{ }}`) would fail before evaluating — a syntax error, a refused name, an
 * unsafe regular expression, too long — or undefined when it parses.
 */
export function checkExpressionSyntax(source: string, options?: { maxExpressionLength?: number }): string | undefined {
  try {
    parseGuardedExpression(source, expressionLimits(options).maxExpressionLength);
    return undefined;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return error.message;
  }
}
