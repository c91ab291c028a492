import { isJsonObject } from '@weft/domain';
import { joinPath } from '../shared/to-json.js';
import { ExpressionError } from './expression-error.js';
import { parseGuardedExpression } from './expression-guard.js';
import { expressionLimits } from './expression-scope.js';
import { mayBeTemplate, parseTemplate } from './template-parser.js';

/** A problem at a config path, e.g. `{ field: 'headers.Authorization', message: 'unclosed "{{" …' }`. */
export type FieldIssue = { field: string; message: string };

/**
 * Pure and synchronous (parses, never evaluates): lists the templates in a config
 * value that would fail before evaluating: unclosed `{{`, empty or unparsable
 * expressions, refused names, unsafe regular expressions, expressions over the length limit.
 * Used at publish time, so a broken workflow is refused before it runs.
 */
export function checkTemplateSyntax(value: unknown, options?: { maxExpressionLength?: number }): FieldIssue[] {
  const { maxExpressionLength } = expressionLimits(options);
  const issues: FieldIssue[] = [];
  const visit = (item: unknown, path: string): void => {
    if (typeof item === 'string') {
      if (mayBeTemplate(item)) checkString(item, path, maxExpressionLength, issues);
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => visit(element, joinPath(path, index)));
    } else if (isJsonObject(item)) {
      for (const [key, element] of Object.entries(item)) visit(element, joinPath(path, key));
    }
  };
  visit(value, '');
  return issues;
}

function checkString(template: string, field: string, maxExpressionLength: number, issues: FieldIssue[]): void {
  try {
    for (const part of parseTemplate(template)) {
      if (part.kind === 'expression') parseGuardedExpression(part.source, maxExpressionLength);
    }
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    issues.push({ field, message: error.message });
  }
}
