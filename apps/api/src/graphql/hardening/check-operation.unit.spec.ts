import 'reflect-metadata';
import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createOperationCheck } from './check-operation.js';
import { GRAPHQL_LIMITS } from './limits.js';

const check = createOperationCheck(GRAPHQL_LIMITS);
const refusal = (query: string, variables?: Record<string, unknown>) => {
  const error = check(parse(query), variables);
  return error && { message: error.message, ...error.extensions };
};
const nested = (depth: number, leaf: string) => '... on Workflow { '.repeat(depth) + leaf + ' }'.repeat(depth);

describe('the operation check', () => {
  it('lets the documented queries through, pages of 100 included', () => {
    const runs = 'runs(first: 100) { nodes { id workflowId workflowVersion status input output error startedAt finishedAt nodeRuns { nodeId nodeType status attempt input output branch error scheduledAt startedAt finishedAt } } pageInfo { endCursor hasNextPage } }';
    const workflows = 'workflows(first: 100, includeArchived: true) { nodes { id name description archived draft draftRevision latestVersion versions { version publishedAt graph } } pageInfo { endCursor hasNextPage } }';
    expect(refusal(`{ ${runs} }`)).toBeUndefined();
    expect(refusal(`{ ${workflows} }`)).toBeUndefined();
    expect(refusal('query ($n: Int) { workflows(first: $n) { nodes { id } } }', { n: 100 })).toBeUndefined();
    expect(refusal('subscription ($runId: ID!) { runEvents(runId: $runId) { runId version type at nodeId attempt branch status output error data } }', { runId: 'r' })).toBeUndefined();
  });

  it('costs a fragment spread like its fields written inline, nested fragments included', () => {
    const inline = 'query ($days: Int! = 14) { workflows(first: 100) { nodes { id runStats(days: $days) { runs succeeded failed cancelled successRate days { start succeeded failed cancelled active } } } } }';
    const spread = `query ($days: Int! = 14) { workflows(first: 100) { nodes { id runStats(days: $days) { ...Stats } } } }
      fragment Stats on WorkflowRunStats { runs succeeded failed cancelled successRate days { ...Counts } }
      fragment Counts on RunBucket { start succeeded failed cancelled active }`;
    expect(refusal(inline)).toBeUndefined();
    expect(refusal(spread)).toBeUndefined();
    // Still counted: the same page 3 times over goes past the limit either way.
    const tripled = (body: string) => `{ a: ${body} b: ${body} c: ${body} }`;
    const page = 'workflows(first: 100) { nodes { id runStats(days: 14) { ...Stats } } }';
    expect(refusal(`${tripled(page)} fragment Stats on WorkflowRunStats { runs succeeded failed cancelled successRate days { start succeeded failed cancelled active } }`)).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('lets a full introspection query through (depth and cost skip __schema)', () => {
    expect(refusal(getIntrospectionQuery())).toBeUndefined();
  });

  it('refuses depth over 10, counting nested fragments', () => {
    expect(refusal(`{ workflows { nodes { ${nested(7, 'id')} } } }`)).toBeUndefined();
    expect(refusal(`{ workflows { nodes { ${nested(8, 'id')} } } }`)).toMatchObject({ code: 'QUERY_TOO_DEEP', message: 'Query depth limit of 10 exceeded, found 11.' });
  });

  it('names depth rather than cost when a document breaks both', () => {
    expect(refusal(`mutation { createWorkflow(input: { name: "x" }) { ${nested(20, 'id')} } }`)).toMatchObject({ code: 'QUERY_TOO_DEEP' });
  });

  it('refuses more than 15 aliases, in fragments too; __typename is free', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ');
    expect(refusal(`{ workflows { nodes { ${aliases(15)} t1: __typename t2: __typename } } }`)).toBeUndefined();
    expect(refusal(`{ workflows { nodes { ...F } } } fragment F on Workflow { ${aliases(16)} }`)).toMatchObject({ code: 'TOO_MANY_ALIASES', message: 'Aliases limit of 15 exceeded, found 16.' });
  });

  it('refuses more than 20 directives', () => {
    expect(refusal(`{ workflows { nodes { ${'id @include(if: true) '.repeat(21)} } } }`)).toMatchObject({ code: 'TOO_MANY_DIRECTIVES' });
  });

  it('counts the cost of a page from the variables as from a literal', () => {
    const page = (first: string) => Array.from({ length: 3 }, (_, i) => `r${i}: runs(first: ${first}) { nodes { id status input output nodeRuns { nodeId status input output error } } }`).join(' ');
    expect(refusal(`{ ${page('100')} }`)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', message: expect.stringMatching(/^Query Cost limit of 10000 exceeded, found \d+\.$/) });
    expect(refusal(`query ($n: Int) { ${page('$n')} }`, { n: 100 })).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(refusal(`query ($n: Int = 100) { ${page('$n')} }`)).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(refusal(`query ($n: Int) { ${page('$n')} }`, { n: 10 })).toBeUndefined();
  });

  it('refuses a page size out of 1–100, literal, variable or variable default, as BAD_USER_INPUT on first', () => {
    const expected = { code: 'BAD_USER_INPUT', field: 'first', message: 'first: must be between 1 and 100' };
    expect(refusal('{ workflows(first: 100000000) { nodes { id } } }')).toEqual(expected);
    expect(refusal('query ($n: Int) { runs(first: $n) { nodes { id } } }', { n: 100_000_000 })).toEqual(expected);
    expect(refusal('query ($n: Int = 101) { runs(first: $n) { nodes { id } } }')).toEqual(expected);
    expect(refusal('query ($n: Int) { runs(first: $n) { nodes { id } } }', { n: 0 })).toEqual(expected);
    expect(refusal('{ a: runs(first: 5) { nodes { id } } b: runs(first: 500) { nodes { id } } }')).toEqual(expected);
  });

  it('leaves values that are not integers to GraphQL coercion', () => {
    expect(refusal('query ($n: Int) { runs(first: $n) { nodes { id } } }', { n: 'many' })).toBeUndefined();
    expect(refusal('query ($n: Int) { runs(first: $n) { nodes { id } } }', {})).toBeUndefined();
  });
});
