import jsonata from 'jsonata';
import type { ExpressionLimits } from './expression-scope.js';

type BuiltIn = { implementation: (this: jsonata.Focus, ...args: unknown[]) => unknown };

/** Thrown inside an evaluation when a size guard trips; JSONata keeps its `code` and `message`. */
class LimitError extends Error {
  readonly code = 'WEFT_LIMIT';
}

const limitError = (message: string): LimitError => new LimitError(message);

let builtIns: Promise<{ pad: BuiltIn; distinct: BuiltIn }> | undefined;

/** JSONata's own `$pad` and `$distinct`, fetched once to be wrapped with bounds. */
function originalBuiltIns(): Promise<{ pad: BuiltIn; distinct: BuiltIn }> {
  builtIns ??= (async () => ({
    pad: (await jsonata('$pad').evaluate(null)) as BuiltIn,
    distinct: (await jsonata('$distinct').evaluate(null)) as BuiltIn,
  }))();
  return builtIns;
}

/**
 * A RegExp whose `exec` refuses long inputs: a regex match runs in the host's
 * engine and cannot be interrupted by the evaluation timeout.
 */
export function boundedRegExp(maxInputLength: number): RegExpConstructor {
  class BoundedRegExp extends RegExp {
    override exec(input: string): RegExpExecArray | null {
      if (input.length > maxInputLength) throw limitError(`a regular expression may only run on strings up to ${maxInputLength} characters`);
      return super.exec(input);
    }
  }
  return BoundedRegExp as RegExpConstructor;
}

/**
 * Installs the guards JSONata's own options (timeout, stack, sequence) do not cover:
 * - every intermediate result is checked (`__evaluate_exit` hook): strings over
 *   `maxStringLength` and objects that are not plain data are refused;
 * - `$pad` (output size chosen by the caller) and `$distinct` (quadratic) are
 *   shadowed by bounded versions in this expression's environment.
 */
export async function installGuards(expression: jsonata.Expression, limits: ExpressionLimits): Promise<void> {
  const { pad, distinct } = await originalBuiltIns();
  const bind = expression.assign.bind(expression) as unknown as (name: symbol, value: unknown) => void;
  bind(Symbol.for('jsonata.__evaluate_exit'), (_expr: unknown, _input: unknown, _env: unknown, result: unknown) => checkIntermediate(result, limits));
  expression.registerFunction(
    'pad',
    function (this: jsonata.Focus, str: unknown, width: unknown, char: unknown) {
      if (typeof width === 'number' && Math.abs(width) > limits.maxStringLength) throw limitError(`$pad width is over ${limits.maxStringLength}`);
      return pad.implementation.call(this, str, width, char);
    },
    '<s-ns?:s>',
  );
  expression.registerFunction(
    'distinct',
    function (this: jsonata.Focus, items: unknown) {
      if (Array.isArray(items) && items.length > limits.maxDistinctItems) throw limitError(`$distinct accepts at most ${limits.maxDistinctItems} items`);
      return distinct.implementation.call(this, items);
    },
    '<x:x>',
  );
}

function checkIntermediate(result: unknown, limits: ExpressionLimits): void {
  if (typeof result === 'string') {
    if (result.length > limits.maxStringLength) throw limitError(`a string grew over ${limits.maxStringLength} characters`);
    return;
  }
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return;
  const proto: unknown = Object.getPrototypeOf(result);
  // Data is plain objects (JSON.parse, or JSONata's null-prototype results); anything else is a host object.
  if (proto !== Object.prototype && proto !== null) throw limitError('an expression reached a value that is not JSON data');
}
