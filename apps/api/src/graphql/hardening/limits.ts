/** How large and how complex one GraphQL document may be; over any of these it is refused before execution. */
export type GraphqlLimits = {
  /** Nesting of fields and fragments (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields per operation, fragments included (`__typename` is free). */
  maxAliases: number;
  /** Directives per operation, fragments included. */
  maxDirectives: number;
  /** Lexical tokens per document: parsing stops past this. */
  maxTokens: number;
  /** graphql-armor's cost: 2 per object and 1 per scalar field, ×1.5 per level, × `first` for a page. */
  maxCost: number;
};

/** The limits Weft applies to every operation over HTTP and graphql-ws (documented in docs/api.md). */
export const GRAPHQL_LIMITS: GraphqlLimits = { maxDepth: 10, maxAliases: 15, maxDirectives: 20, maxTokens: 1000, maxCost: 10_000 };

/** The stable `extensions.code` of each refusal; a page size out of range is BAD_USER_INPUT with `field: "first"`. */
export const LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  directives: 'TOO_MANY_DIRECTIVES',
  tokens: 'TOO_MANY_TOKENS',
  cost: 'QUERY_TOO_COMPLEX',
} as const;

export type LimitCode = (typeof LIMIT_CODES)[keyof typeof LIMIT_CODES];
