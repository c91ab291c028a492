import { expect } from 'vitest';
import { NodeExecutionError } from '../node-execution-error.js';

/** Awaits `promise`, expects it to reject with a NodeExecutionError, and returns that error. */
export async function failure(promise: Promise<unknown>): Promise<NodeExecutionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NodeExecutionError);
  return error as NodeExecutionError;
}
