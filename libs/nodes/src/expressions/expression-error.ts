const MAX_QUOTED_EXPRESSION = 120;
const MAX_DETAIL = 300;

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

export type ExpressionErrorParams = {
  /** What went wrong, readable; never holds evaluated data beyond a short excerpt. */
  detail: string;
  expression: string;
  /** Character offset inside the expression, when known (JSONata reports the end of the offending token). */
  position?: number;
  /** JSONata's error code (e.g. `S0201`, `D1012`) or one of ours (`WEFT_*`). */
  code?: string;
  /** Config path of the template holding the expression, e.g. `headers.Authorization`. */
  field?: string;
};

/**
 * Thrown when an expression cannot be parsed, is refused by the guards (unsafe
 * names, too long, unsafe regex) or fails while evaluating (type error, time,
 * depth or size limit). The message names the field, the position and the
 * expression (shortened); it never contains the scope's data.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly detail: string;
  readonly expression: string;
  readonly position: number | undefined;
  readonly code: string;
  readonly field: string | undefined;

  constructor(params: ExpressionErrorParams) {
    const detail = truncate(params.detail, MAX_DETAIL);
    const where = params.position === undefined ? '' : ` at position ${params.position}`;
    const prefix = params.field ? `${params.field}: ` : '';
    super(`${prefix}${detail} (in "${truncate(params.expression.trim(), MAX_QUOTED_EXPRESSION)}"${where})`);
    this.detail = detail;
    this.expression = params.expression;
    this.position = params.position;
    this.code = params.code ?? 'WEFT_EXPRESSION';
    this.field = params.field;
  }

  /** The same error, located at a config field. */
  withField(field: string): ExpressionError {
    if (this.field !== undefined) return this;
    return new ExpressionError({ detail: this.detail, expression: this.expression, position: this.position, code: this.code, field });
  }
}

type JsonataErrorShape = { code?: unknown; position?: unknown; message?: unknown };

/** Converts whatever JSONata threw (plain objects with `code`, `position`, `message`) into an {@link ExpressionError}. */
export function fromJsonataError(error: unknown, expression: string): ExpressionError {
  if (error instanceof ExpressionError) return error;
  if (error instanceof RangeError) {
    // V8's own stack overflow or string length limit: the guards should stop these first.
    return new ExpressionError({ detail: `evaluation exceeded an engine limit (${error.message})`, expression, code: 'WEFT_ENGINE_LIMIT' });
  }
  const shape: JsonataErrorShape = typeof error === 'object' && error !== null ? error : {};
  const detail = typeof shape.message === 'string' && shape.message ? shape.message : 'expression failed';
  return new ExpressionError({
    detail,
    expression,
    position: typeof shape.position === 'number' ? shape.position : undefined,
    code: typeof shape.code === 'string' ? shape.code : undefined,
  });
}
