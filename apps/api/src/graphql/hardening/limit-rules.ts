import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { LIMIT_CODES, type GraphqlLimits, type LimitCode } from './limits.js';

/** graphql-armor reports its refusals as syntax errors, with costs to 15 decimals; ours say what they are. */
const reportAs = (code: LimitCode) => (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '').replace(/found (\d+)\.\d+/, 'found $1'), { extensions: { code } }));

/** A graphql-armor protection that reports through our handler instead of throwing. */
const protection = (n: number, code: LimitCode) => ({ n, propagateOnRejection: false, onReject: [reportAs(code)] });

/**
 * graphql-armor's depth, alias, directive and cost rules at our limits; each reports a
 * GraphQLError whose `extensions.code` names the limit. They read only the document
 * (fields, fragments, literal `first` arguments), not the schema's types.
 */
export function limitRules(limits: GraphqlLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: protection(limits.maxDepth, LIMIT_CODES.depth),
    maxAliases: protection(limits.maxAliases, LIMIT_CODES.aliases),
    maxDirectives: protection(limits.maxDirectives, LIMIT_CODES.directives),
    // A fragment spread costs what its fields would cost written inline (armor's default adds a
    // depth factor per spread, which priced the web app's generated fragments out of its own queries).
    costLimit: { maxCost: limits.maxCost, flattenFragments: true, propagateOnRejection: false, onReject: [reportAs(LIMIT_CODES.cost)] },
    // Tokens are counted by the parser (`maxTokens`); suggestions are masked by the error formatter.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}
