import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseWithTokenLimit } from './token-limit.js';

describe('parsing with a token limit', () => {
  it('parses a document of up to the limit, counting every punctuator and name', () => {
    expect(parseWithTokenLimit('{ workflows { nodes { id } } }', 9)).not.toBeInstanceOf(GraphQLError);
    expect(parseWithTokenLimit('{ workflows { nodes { id } } }', 8)).toBeInstanceOf(GraphQLError);
  });

  it('stops past the limit with TOO_MANY_TOKENS', () => {
    const result = parseWithTokenLimit(`{ workflows { nodes { ${'id '.repeat(2000)} } } }`, 1000);
    expect(result).toBeInstanceOf(GraphQLError);
    expect((result as GraphQLError).extensions.code).toBe('TOO_MANY_TOKENS');
    expect((result as GraphQLError).message).toMatch(/more th(at|an) 1000 tokens/);
  });

  it('codes any other syntax error GRAPHQL_PARSE_FAILED', () => {
    expect((parseWithTokenLimit('{ workflows {', 1000) as GraphQLError).extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});
