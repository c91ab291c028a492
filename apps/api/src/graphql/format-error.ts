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
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = production ? { ...raw, message: withoutSuggestions(raw.message) } : raw;
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    // A user error thrown before execution (an Apollo plugin hook, graphql-ws onSubscribe) is wrapped without a path.
    const known = knownError(original) ?? (original instanceof GraphQLError ? knownError(original.originalError) : undefined);
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

/** GraphQL's "Did you mean …?" hints name fields and types a client did not ask about: production leaves them out. */
const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean(.+?)\?$/, '');

/** The same formatting for results sent over graphql-ws (Apollo's formatError does not see them). */
export function graphqlWsFormatting(format: ReturnType<typeof createErrorFormatter>) {
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((error) => format(error.toJSON(), error));
  return {
    onNext: (_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
      result.errors ? { ...result, errors: formatAll(result.errors) } : undefined,
    onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) => formatAll(errors),
  };
}
