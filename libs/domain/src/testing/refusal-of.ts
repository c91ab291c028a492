import { InvalidInputError } from '../shared/errors.js';

/** The input error `attempt` throws (its field and message), undefined when it throws none; other errors as text. */
export function refusalOf(attempt: () => unknown): { field: string; message: string } | string | undefined {
  try {
    attempt();
    return undefined;
  } catch (error) {
    return error instanceof InvalidInputError ? { field: error.field, message: error.message } : String(error);
  }
}
