import jsonata from 'jsonata';
import { ExpressionError, fromJsonataError } from './expression-error.js';
import { findRegexHazard } from './regex-safety.js';

/**
 * Property and key names that lead from data to the host's objects
 * (prototype chains, accessor definition) or to JSONata's internals.
 * Refused wherever they appear as a path step, a quoted name or a string literal
 * (`$lookup($, "constructor")`, `{"__proto__": …}`), whatever the data holds.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/**
 * Variables and functions refused by name. `$eval` parses a string at run time,
 * where this guard cannot see it.
 */
const FORBIDDEN_VARIABLES: ReadonlySet<string> = new Set(['eval']);

const isForbiddenName = (name: string): boolean => FORBIDDEN_NAMES.has(name) || name.startsWith('_jsonata');

type AstNode = { type?: unknown; value?: unknown; position?: unknown };

/** Parses without evaluating; throws {@link ExpressionError} for syntax errors and refused constructs. */
export function parseGuardedExpression(source: string, maxLength: number, options?: jsonata.JsonataOptions): jsonata.Expression {
  if (source.trim() === '') throw new ExpressionError({ detail: 'empty expression', expression: source, code: 'WEFT_EMPTY' });
  if (source.length > maxLength) {
    throw new ExpressionError({ detail: `expression longer than ${maxLength} characters`, expression: source, code: 'WEFT_TOO_LONG' });
  }
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, options);
  } catch (error) {
    throw fromJsonataError(error, source);
  }
  guardAst(expression.ast(), source);
  return expression;
}

/**
 * Walks every object reachable from the AST (steps, stages, predicates, lambda
 * bodies, object constructors, transforms…) rather than a list of node kinds,
 * so a node kind added by a later JSONata release is still inspected.
 */
function guardAst(root: unknown, source: string): void {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null || seen.has(item) || item instanceof RegExp) continue;
    seen.add(item);
    if (!Array.isArray(item)) checkNode(item, source);
    for (const child of Object.values(item)) {
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
}

function checkNode(node: AstNode, source: string): void {
  const position = typeof node.position === 'number' ? node.position : undefined;
  const refuse = (detail: string): never => {
    throw new ExpressionError({ detail, expression: source, position, code: 'WEFT_REFUSED' });
  };
  const { type, value } = node;
  if ((type === 'name' || type === 'string') && typeof value === 'string' && isForbiddenName(value)) {
    refuse(`"${value}" is not allowed in expressions`);
  }
  if (type === 'variable' && typeof value === 'string' && (FORBIDDEN_VARIABLES.has(value) || isForbiddenName(value))) {
    refuse(`$${value} is not allowed in expressions`);
  }
  if (type === 'regex' && value instanceof RegExp) {
    const hazard = findRegexHazard(value.source);
    if (hazard) refuse(hazard);
  }
  // `@$name` and `#$name` bind variables through these string properties.
  for (const key of ['focus', 'index'] as const) {
    const bound = (node as Record<string, unknown>)[key];
    if (typeof bound === 'string' && (FORBIDDEN_VARIABLES.has(bound) || isForbiddenName(bound))) refuse(`$${bound} is not allowed in expressions`);
  }
}
