import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { LIMIT_CODES } from './limits.js';

/** graphql-js's message when `maxTokens` stops the parser ("more that" in 16.x). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:at|an) \d+ tokens/;

/** True for the parse error raised by the `maxTokens` parse option. */
export const isTokenLimitError = (error: GraphQLError): boolean => TOKEN_LIMIT_MESSAGE.test(error.message);

/** Parses with a token limit; a refusal is a GraphQLError coded TOO_MANY_TOKENS or GRAPHQL_PARSE_FAILED. */
export function parseWithTokenLimit(query: string, maxTokens: number): DocumentNode | GraphQLError {
  try {
    return parse(query, { maxTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const code = isTokenLimitError(error) ? LIMIT_CODES.tokens : 'GRAPHQL_PARSE_FAILED';
    return new GraphQLError(error.message, { source: error.source, positions: error.positions, extensions: { code } });
  }
}
