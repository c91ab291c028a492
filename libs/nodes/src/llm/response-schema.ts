import { z } from 'zod';
import type { Json } from '@weft/domain';
import { NodeExecutionError } from '../node-execution-error.js';

/** The validator of a node's `responseSchema`; CONFIG when the JSON Schema cannot be understood. */
export function compileResponseSchema(schema: Record<string, Json>): z.ZodType {
  try {
    return z.fromJSONSchema(schema);
  } catch (error) {
    throw new NodeExecutionError('CONFIG', `responseSchema is not a supported JSON Schema: ${error instanceof Error ? error.message : String(error)}`, false, { field: 'responseSchema', cause: error });
  }
}

/** The model's answer parsed and checked against the schema; a non-retryable EXECUTION error naming what does not match. */
export function parseStructuredAnswer(text: string, validator: z.ZodType): Json {
  let value: unknown;
  try {
    value = JSON.parse(stripCodeFence(text));
  } catch {
    throw new NodeExecutionError('EXECUTION', 'The model did not answer with JSON, which responseSchema requires', false, { field: 'responseSchema' });
  }
  const result = validator.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
    throw new NodeExecutionError('EXECUTION', `The model's answer does not match responseSchema: ${issues.join('; ')}`, false, { field: 'responseSchema' });
  }
  return value as Json;
}

/** Some models wrap JSON in a Markdown code fence despite being asked not to. */
function stripCodeFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return fenced?.[1] ?? text;
}
