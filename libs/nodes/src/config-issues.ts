import type { z } from 'zod';
import type { FieldIssue } from './expressions/check-template-syntax.js';
import { describeType, joinPath } from './shared/to-json.js';

type Issue = z.core.$ZodIssue;

/** The value at a zod issue path, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const pathString = (path: readonly PropertyKey[]): string => path.reduce<string>((joined, key) => joinPath(joined, String(key)), '');

/**
 * Readable issues with field paths (`headers.Accept`). Messages name the expected and
 * received types, never the received value: configs may hold credentials.
 */
export function formatConfigIssues(issues: readonly Issue[], config: unknown): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const field = pathString(issue.path);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: joinPath(field, key), message: 'unknown setting' }));
    if (issue.code === 'invalid_type') {
      const value = valueAt(config, issue.path);
      const expected = ({ record: 'object', int: 'integer' } as Record<string, string>)[issue.expected] ?? issue.expected;
      const message = value === undefined ? 'is required' : `must be ${expected}, got ${describeType(value)}`;
      return [{ field, message }];
    }
    if (issue.code === 'invalid_key') return [{ field, message: issue.issues[0]?.message ?? issue.message }];
    return [{ field, message: issue.message }];
  });
}

/** `url: is required; method: Invalid option…` */
export const summarizeIssues = (issues: readonly FieldIssue[]): string =>
  issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ');

/** Marks a refinement that relates several fields: still reported when one of them is a `{{ }}` template. */
export const CROSS_FIELD = { crossField: true } as const;

export const isCrossFieldIssue = (issue: Issue): boolean =>
  issue.code === 'custom' && (issue.params as { crossField?: unknown } | undefined)?.crossField === true;
