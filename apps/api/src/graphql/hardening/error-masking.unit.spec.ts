import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@weft/domain';
import type { Logger } from '@weft/engine';
import { createErrorFormatter } from '../format-error.js';

const logged: Record<string, unknown>[] = [];
const logger: Logger = { info: () => undefined, warn: () => undefined, error: (_message, data) => void logged.push(data ?? {}), child: () => logger };
const apolloFormatted = (error: GraphQLError, code: string) => ({ ...error.toJSON(), extensions: { ...error.extensions, code, stacktrace: (error.stack ?? '').split('\n') } });

describe('errors in production carry a code, never a stack trace, SQL or suggestions', () => {
  const format = createErrorFormatter(true, logger);

  it('turns an unexpected resolver error into "internal error" and logs the details server-side only', () => {
    const sql = new Error('Invalid `prisma.workflow.findMany()` invocation: relation "rm_workflows" does not exist: SELECT "id" FROM "public"."rm_workflows"');
    const error = new GraphQLError(sql.message, { path: ['workflows'], originalError: sql });
    const answer = format(apolloFormatted(error, 'INTERNAL_SERVER_ERROR'), error);
    expect(answer).toEqual({ message: 'internal error', path: ['workflows'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged.at(-1)?.error).toContain('SELECT');
  });

  it('keeps only the code of a coded error, dropping its stack trace and other extensions', () => {
    const error = new GraphQLError('Query depth limit of 10 exceeded, found 20.', { extensions: { code: 'QUERY_TOO_DEEP', http: { status: 400 } } });
    const answer = format(apolloFormatted(error, 'QUERY_TOO_DEEP'), error);
    expect(answer.extensions).toEqual({ code: 'QUERY_TOO_DEEP' });
  });

  it('leaves out "Did you mean" (development keeps it)', () => {
    const error = new GraphQLError('Cannot query field "nme" on type "Workflow". Did you mean "name"?');
    expect(format(apolloFormatted(error, 'GRAPHQL_VALIDATION_FAILED'), error).message).toBe('Cannot query field "nme" on type "Workflow".');
    const enumError = new GraphQLError('Value "runing" does not exist in "RunStatus" enum. Did you mean the enum value "running"?');
    expect(format(apolloFormatted(enumError, 'GRAPHQL_VALIDATION_FAILED'), enumError).message).toBe('Value "runing" does not exist in "RunStatus" enum.');
    expect(createErrorFormatter(false, logger)(apolloFormatted(error, 'GRAPHQL_VALIDATION_FAILED'), error).message).toContain('Did you mean "name"?');
  });

  it('maps a user error thrown before execution (no path) by its original error, details kept', () => {
    const input = new InvalidInputError('first', 'must be between 1 and 100');
    const error = new GraphQLError(input.message, { originalError: input, extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    expect(format(apolloFormatted(error, 'BAD_USER_INPUT'), error)).toMatchObject({ message: 'first: must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });
});
