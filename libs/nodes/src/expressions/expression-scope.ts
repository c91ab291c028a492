import type { Json } from '@weft/domain';

/** Who is evaluating: bound as `$run`. */
export type ExpressionRunInfo = { runId: string; workflowId: string; nodeId: string; attempt: number };

/**
 * What an expression can see. The node input is the JSONata root `$` (and `$input`);
 * `$trigger` is the run's input payload, `$nodes` the outputs of completed nodes by id,
 * `$run` the run identity. Nothing else is bound: no credentials, no services.
 */
export type ExpressionScope = {
  input: Json;
  trigger: Json;
  nodes: Record<string, Json>;
  run: ExpressionRunInfo;
};

/** Bounds on one evaluation; every field has a default ({@link DEFAULT_EXPRESSION_LIMITS}). */
export type ExpressionOptions = {
  /** Wall-clock budget of one `evaluateExpression` or `resolveTemplates` call (all its templates together). */
  timeoutMs?: number;
  /** Maximum nesting of evaluation steps: bounds recursion. */
  maxDepth?: number;
  /** Maximum characters of one expression. */
  maxExpressionLength?: number;
  /** Maximum length of a sequence built while evaluating (ranges, appends, path results). */
  maxSequenceLength?: number;
  /** Maximum characters of any string produced while evaluating. */
  maxStringLength?: number;
  /** Maximum characters of a string a regular expression is run against. */
  maxRegexInputLength?: number;
  /** Maximum items `$distinct` compares (it is quadratic). */
  maxDistinctItems?: number;
};

export type ExpressionLimits = Required<ExpressionOptions>;

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = {
  timeoutMs: 1_000,
  maxDepth: 300,
  maxExpressionLength: 4_096,
  maxSequenceLength: 1_000_000,
  maxStringLength: 5_000_000,
  maxRegexInputLength: 20_000,
  maxDistinctItems: 10_000,
};

/** Defaults filled in; non-positive or non-finite values fall back to the default. */
export function expressionLimits(options: ExpressionOptions = {}): ExpressionLimits {
  const pick = (key: keyof ExpressionLimits): number => {
    const value = options[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_EXPRESSION_LIMITS[key];
  };
  return {
    timeoutMs: pick('timeoutMs'),
    maxDepth: pick('maxDepth'),
    maxExpressionLength: pick('maxExpressionLength'),
    maxSequenceLength: pick('maxSequenceLength'),
    maxStringLength: pick('maxStringLength'),
    maxRegexInputLength: pick('maxRegexInputLength'),
    maxDistinctItems: pick('maxDistinctItems'),
  };
}
