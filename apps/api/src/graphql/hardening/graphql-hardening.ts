import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Logger, WeftConfig } from '@weft/engine';
import { createOperationCheck } from './check-operation.js';
import { graphqlWsHardening, type GraphqlWsHardening } from './graphql-ws-hardening.js';
import { hardeningPlugin } from './hardening.plugin.js';
import { GRAPHQL_LIMITS, type GraphqlLimits } from './limits.js';

/** What `graphqlHardening` gives: Apollo options to spread into `GraphQLModule.forRoot`, hooks to spread into the graphql-ws options. */
export type GraphqlHardening = {
  apollo: Pick<ApolloDriverConfig, 'plugins' | 'parseOptions' | 'allowBatchedHttpRequests' | 'introspection' | 'graphiql' | 'includeStacktraceInErrorResponses'>;
  graphqlWs: GraphqlWsHardening;
};

/**
 * The API's defences against hostile documents, the same over HTTP and graphql-ws: limits on
 * tokens, depth, aliases, directives, cost and page size, all checked before any resolver
 * runs; batched HTTP requests refused; introspection and the landing page off in production.
 * Error masking (no stack, no SQL, no "Did you mean") is `createErrorFormatter`'s job.
 */
export function graphqlHardening(config: Pick<WeftConfig, 'production'>, logger: Logger, limits: GraphqlLimits = GRAPHQL_LIMITS): GraphqlHardening {
  const check = createOperationCheck(limits);
  return {
    apollo: {
      plugins: [hardeningPlugin(check, logger)],
      parseOptions: { maxTokens: limits.maxTokens },
      allowBatchedHttpRequests: false,
      introspection: !config.production,
      graphiql: false,
      includeStacktraceInErrorResponses: false,
    },
    graphqlWs: graphqlWsHardening({ production: config.production, maxTokens: limits.maxTokens, check }),
  };
}
