import 'reflect-metadata';
import { Kind, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from '../../../../web/src/gql/graphql.js';
import { createOperationCheck } from './check-operation.js';
import { GRAPHQL_LIMITS } from './limits.js';

/** Every operation the web app sends (its generated documents), with the largest page it may ask for. */
const documents = Object.entries(generated).filter((entry): entry is [string, DocumentNode] => entry[0].endsWith('Document') && (entry[1] as DocumentNode).kind === Kind.DOCUMENT);
const operations = documents.filter(([, document]) => document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION));

/** The web app's own operations must pass the API's limits (depth, aliases, cost with pages of 100): a refusal would only show as an empty panel. */
describe("the web app's operations under the API's limits", () => {
  const check = createOperationCheck(GRAPHQL_LIMITS);

  it('has the operations to check', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  it.each(operations)('%s passes with pages of 100', (_name, document) => {
    const error = check(document, { first: 100 });
    expect(error && { message: error.message, ...error.extensions }).toBeUndefined();
  });
});
