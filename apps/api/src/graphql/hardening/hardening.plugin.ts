import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { Logger } from '@weft/engine';
import type { OperationCheck } from './check-operation.js';
import { LIMIT_CODES } from './limits.js';
import { isTokenLimitError } from './token-limit.js';

/**
 * Apollo's side of the limits. Parsing (with `maxTokens`) and validation have run when
 * `didResolveOperation` fires; execution has not: a refusal there answers HTTP 400 with no
 * `data`, and no resolver runs. A parse stopped by the token limit is re-coded TOO_MANY_TOKENS
 * (Apollo codes every parse error GRAPHQL_PARSE_FAILED).
 */
export function hardeningPlugin(check: OperationCheck, logger: Logger): ApolloServerPlugin {
  const listener: GraphQLRequestListener<object> = {
    didResolveOperation({ document, request, response, operationName }) {
      const refusal = check(document, request.variables);
      if (!refusal) return Promise.resolve();
      logger.info('graphql operation refused', { code: refusal.extensions.code, operationName });
      response.http.status = 400;
      return Promise.reject(refusal);
    },
    didEncounterErrors({ errors }) {
      for (const error of errors) {
        if (error.extensions.code !== 'GRAPHQL_PARSE_FAILED' || !isTokenLimitError(error)) continue;
        error.extensions.code = LIMIT_CODES.tokens;
        logger.info('graphql operation refused', { code: LIMIT_CODES.tokens });
      }
      return Promise.resolve();
    },
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}
