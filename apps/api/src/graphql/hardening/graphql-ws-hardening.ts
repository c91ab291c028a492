import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type TypeInfo, type ValidationRule } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { OperationCheck } from './check-operation.js';
import { parseWithTokenLimit } from './token-limit.js';

/** The graphql-ws hooks that apply the limits: spread them into the `'graphql-ws'` options. */
export type GraphqlWsHardening = Required<Pick<ServerOptions, 'onSubscribe' | 'validate'>>;

/** Gives a validation error Apollo's code, as over HTTP (graphql-ws sends them uncoded). */
const coded = (error: GraphQLError): GraphQLError =>
  error.extensions.code ? error : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } });

/**
 * Every operation sent over graphql-ws (subscriptions, and queries or mutations sent that way):
 * `onSubscribe` parses with the token limit and runs the operation check with the variables;
 * `validate` runs GraphQL's rules, refuses introspection in production, and codes the errors.
 * A refusal reaches the client as an `error` message; nothing executes.
 */
export function graphqlWsHardening(options: { production: boolean; maxTokens: number; check: OperationCheck }): GraphqlWsHardening {
  const { production, maxTokens, check } = options;
  return {
    onSubscribe(_ctx, _id, payload) {
      const document = parseWithTokenLimit(payload.query, maxTokens);
      if (document instanceof GraphQLError) return [document];
      const refusal = check(document, payload.variables);
      return refusal ? [refusal] : undefined;
    },
    validate(schema: GraphQLSchema, document: DocumentNode, rules: ReadonlyArray<ValidationRule> = specifiedRules, validationOptions?: { maxErrors?: number }, typeInfo?: TypeInfo) {
      const all = production ? [...rules, NoSchemaIntrospectionCustomRule] : rules;
      return validate(schema, document, all, validationOptions, typeInfo).map(coded);
    },
  };
}
