import type { Json, JsonObject } from '@weft/domain';
import { joinPath, NotJsonError, setOwn, toJson } from '../shared/to-json.js';
import { ExpressionError } from './expression-error.js';
import { createEvaluator, type Evaluator } from './expression-evaluator.js';
import { expressionLimits, type ExpressionOptions, type ExpressionScope } from './expression-scope.js';
import { mayBeTemplate, parseTemplate, type TemplatePart } from './template-parser.js';

/**
 * Resolves `{{ expression }}` templates through objects and arrays (values only, never keys).
 * A string that is exactly one template takes the expression's value, of any JSON type
 * (undefined becomes null); a string mixing text and templates becomes a string, each
 * value interpolated (null and undefined as "", objects and arrays as JSON).
 * Other values are returned as written. `options.timeoutMs` bounds the whole call.
 * @throws ExpressionError naming the field path of the failing template.
 */
export async function resolveTemplates(value: Json, scope: ExpressionScope, options?: ExpressionOptions): Promise<Json> {
  let evaluator: Evaluator | undefined;
  const limits = expressionLimits(options);
  const evaluatorFor = (): Evaluator => (evaluator ??= createEvaluator(scope, options));

  const resolve = async (item: Json, path: string): Promise<Json> => {
    if (typeof item === 'string') {
      if (!mayBeTemplate(item)) return item;
      try {
        return await resolveString(item, evaluatorFor, limits.maxStringLength);
      } catch (error) {
        throw error instanceof ExpressionError ? error.withField(path) : error;
      }
    }
    if (Array.isArray(item)) {
      const result: Json[] = [];
      for (const [index, element] of item.entries()) result.push(await resolve(element, joinPath(path, index)));
      return result;
    }
    if (typeof item === 'object' && item !== null) {
      const result: JsonObject = {};
      for (const [key, element] of Object.entries(item)) setOwn(result, key, await resolve(element, joinPath(path, key)));
      return result;
    }
    return item;
  };
  return resolve(value, '');
}

async function resolveString(template: string, evaluatorFor: () => Evaluator, maxStringLength: number): Promise<Json> {
  const parts = parseTemplate(template);
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'expression') return resultToJson(await evaluatorFor().evaluate(only.source), only.source);
  let text = '';
  for (const part of parts) {
    text += part.kind === 'text' ? part.text : interpolate(resultToJson(await evaluatorFor().evaluate(part.source), part.source));
    if (text.length > maxStringLength) {
      throw new ExpressionError({ detail: `the interpolated string is longer than ${maxStringLength} characters`, expression: sourceOf(part), code: 'WEFT_LIMIT' });
    }
  }
  return text;
}

const sourceOf = (part: TemplatePart): string => (part.kind === 'expression' ? part.source : '');

function interpolate(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** JSONata results (sequences, null-prototype objects, undefined) as plain JSON. */
export function resultToJson(result: unknown, expression: string): Json {
  try {
    return toJson(result);
  } catch (error) {
    if (error instanceof NotJsonError) {
      const where = error.path ? ` at ${error.path}` : '';
      throw new ExpressionError({ detail: `the result is not JSON${where}: ${error.reason}`, expression, code: 'WEFT_NOT_JSON' });
    }
    throw error;
  }
}
