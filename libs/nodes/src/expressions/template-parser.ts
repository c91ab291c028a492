import { ExpressionError } from './expression-error.js';

/** A piece of a template string: literal text, or an expression found between `{{` and `}}`. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; source: string; offset: number };

/** True when the string holds at least one `{{` (a template, possibly malformed). */
export const mayBeTemplate = (value: string): boolean => value.includes('{{');

/**
 * Splits a string into text and `{{ expression }}` parts. The closing `}}` is the
 * first one outside JSONata string literals, quoted names and comments, and
 * outside braces opened by the expression, so `{{ {"a": {"b": 1}} }}` is one part.
 * Throws {@link ExpressionError} for an unclosed `{{`.
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf('{{', cursor);
    if (open === -1) break;
    if (open > cursor) parts.push({ kind: 'text', text: template.slice(cursor, open) });
    const start = open + 2;
    // An unterminated string literal hides the close from findClose: fall back to the
    // first `}}` so that JSONata reports the real syntax error.
    const end = [findClose(template, start), template.indexOf('}}', start)].find((candidate) => candidate !== -1) ?? -1;
    if (end === -1) {
      throw new ExpressionError({ detail: 'unclosed "{{": expected "}}"', expression: template.slice(start), position: 0, code: 'WEFT_UNCLOSED' });
    }
    parts.push({ kind: 'expression', source: template.slice(start, end), offset: start });
    cursor = end + 2;
  }
  if (cursor < template.length) parts.push({ kind: 'text', text: template.slice(cursor) });
  return parts;
}

/** Index of the `}}` that closes an expression starting at `start`, or -1. */
function findClose(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === '"' || char === "'" || char === '`') {
      index = skipQuoted(text, index, char);
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
    } else if (char === '{') {
      depth += 1;
      index += 1;
    } else if (char === '}') {
      if (depth === 0 && text[index + 1] === '}') return index;
      depth = Math.max(0, depth - 1);
      index += 1;
    } else {
      index += 1;
    }
  }
  return -1;
}

/** Index just past a quoted string or name; backslash escapes apply inside string literals. */
function skipQuoted(text: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < text.length && text[index] !== quote) index += quote !== '`' && text[index] === '\\' ? 2 : 1;
  return index + 1;
}
