import type { CombinedError } from '@urql/core';

/** One validation issue of a refused graph (docs/api.md "Validation issues"). */
export type GraphIssue = { code: string; message: string; nodeId?: string; edgeId?: string; field?: string };

/** The API's error code of the first GraphQL error, e.g. UNAUTHENTICATED. */
export const errorCode = (error: CombinedError | undefined): string | undefined => error?.graphQLErrors[0]?.extensions?.code as string | undefined;

/** The graph issues of a BAD_USER_INPUT answer; empty for any other error. */
export function graphIssues(error: CombinedError | undefined): GraphIssue[] {
  const issues = error?.graphQLErrors.flatMap((e) => (Array.isArray(e.extensions?.issues) ? (e.extensions.issues as GraphIssue[]) : []));
  return issues ?? [];
}

/** A message fit for a toast: the API's own message without urql's "[GraphQL]" prefix. */
export const errorMessage = (error: CombinedError | Error): string => ('graphQLErrors' in error && error.graphQLErrors[0] ? error.graphQLErrors[0].message : error.message);
