import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@weft/engine';
import { knownError } from '../errors/known-errors.js';

/**
 * Maps errors to GraphQL errors with a stable `extensions.code` and the
 * offending ids/fields. Unexpected errors become INTERNAL_SERVER_ERROR with a
 * generic message in production: no stack traces, no SQL.
 */
export function createErrorFormatter(production: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const known = knownError(original);
    if (known) return { ...base, message: known.message, extensions: { code: known.code, ...known.details } };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: production ? { code } : extensions };
    }
    if (!(original instanceof GraphQLError)) logger.error('unexpected error in a resolver', { error: original instanceof Error ? (original.stack ?? original.message) : String(original) });
    return { ...base, message: production ? 'internal error' : formatted.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** The same formatting for results sent over graphql-ws (Apollo's formatError does not see them). */
export function graphqlWsFormatting(format: ReturnType<typeof createErrorFormatter>) {
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((error) => format(error.toJSON(), error));
  return {
    onNext: (_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
      result.errors ? { ...result, errors: formatAll(result.errors) } : undefined,
    onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) => formatAll(errors),
  };
}
