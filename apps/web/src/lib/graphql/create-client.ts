import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { subscribeSafely } from './subscribe-safely';

/**
 * The browser's GraphQL client: HTTP POST to the same-origin `/graphql` (proxied to the
 * API) and graphql-ws on the same path. The session cookie rides along on both; no
 * token is ever held in script. POST only: Apollo's CSRF guard refuses plain GETs.
 */
export function createGraphqlClient(): Client {
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const ws = createWsClient({ url: wsUrl, lazy: true, retryAttempts: 3 });
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              return { unsubscribe: subscribeSafely(ws, input, sink) };
            },
          };
        },
      }),
    ],
  });
}
