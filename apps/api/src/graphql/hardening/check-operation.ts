import { GraphQLBoolean, GraphQLError, GraphQLObjectType, GraphQLSchema, validate, type DocumentNode } from 'graphql';
import { InvalidInputError } from '@weft/domain';
import { checkPageSize } from '../pagination.js';
import { limitRules } from './limit-rules.js';
import { LIMIT_CODES, type GraphqlLimits } from './limits.js';
import { inlinePageSizes } from './page-sizes.js';

/** The limit rules read the document only, never the types: any schema runs them. */
const DOCUMENT_ONLY = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }) });

/** When a document breaks several limits, the refusal names the most telling one (a deep document is also costly). */
const PRECEDENCE: unknown[] = [LIMIT_CODES.depth, LIMIT_CODES.aliases, LIMIT_CODES.directives, LIMIT_CODES.cost];
const rank = (error: GraphQLError) => PRECEDENCE.indexOf(error.extensions.code);

/** Checks a parsed document and its variables against the limits; returns the refusal, or undefined to let it run. */
export type OperationCheck = (document: DocumentNode, variables: Record<string, unknown> | null | undefined) => GraphQLError | undefined;

/**
 * The checks that need the variables, so they run once the operation is known and before
 * execution, the same on HTTP and graphql-ws: page sizes first (`BAD_USER_INPUT`,
 * `field: "first"`), then depth, aliases, directives and cost with `first: $n` counted as its value.
 */
export function createOperationCheck(limits: GraphqlLimits): OperationCheck {
  const rules = limitRules(limits);
  return (document, variables) => {
    const { document: inlined, sizes } = inlinePageSizes(document, variables);
    for (const size of sizes) {
      try {
        checkPageSize(size);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, field: error.field } });
      }
    }
    return [...validate(DOCUMENT_ONLY, inlined, rules)].sort((a, b) => rank(a) - rank(b))[0];
  };
}
