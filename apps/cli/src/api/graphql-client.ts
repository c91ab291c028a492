import { ApiError } from '../errors.js';
import type { ApiTarget } from '../args/command-line.js';

/** Sends one GraphQL operation and returns its data. */
export type GraphqlCall = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

type GraphqlResponse = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/**
 * A client of the public GraphQL API over HTTP, with an API key.
 * @throws ApiError with the API's code and message when it refuses, `UNREACHABLE` when it cannot be reached.
 */
export function createGraphqlCall(api: ApiTarget): GraphqlCall {
  const endpoint = `${api.url}/graphql`;
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.key}` }, body: JSON.stringify({ query, variables }) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(`cannot reach the API at ${endpoint}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, 'UNREACHABLE');
    }
    const text = await response.text();
    let body: GraphqlResponse;
    try {
      body = JSON.parse(text) as GraphqlResponse;
    } catch {
      throw new ApiError(`the API at ${endpoint} answered HTTP ${response.status} without GraphQL: ${text.slice(0, 200)}`, response.status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${response.status}`);
    }
    const error = body.errors?.[0];
    if (error) throw new ApiError(error.message, typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR', error.extensions ?? {});
    return body.data as T;
  };
}

/** The graphql-ws URL of the same API. */
export const websocketUrl = (api: ApiTarget): string => `${api.url.replace(/^http/, 'ws')}/graphql`;
