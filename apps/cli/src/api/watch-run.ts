import { createClient } from 'graphql-ws/client';
import WebSocket from 'ws';
import type { ApiTarget } from '../args/command-line.js';
import { ApiError } from '../errors.js';
import type { PushedEvent } from '../progress/run-progress.js';
import { websocketUrl } from './graphql-client.js';

const RUN_EVENTS = /* GraphQL */ `
  subscription ($runId: ID!) {
    runEvents(runId: $runId) { type version at nodeId attempt branch status output error data }
  }
`;

/** A closed or refused subscription as an ApiError: the API's message and code. */
function toApiError(error: unknown): ApiError {
  if (Array.isArray(error)) {
    const first = error[0] as { message?: string; extensions?: Record<string, unknown> } | undefined;
    return new ApiError(first?.message ?? 'the subscription was refused', typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR', first?.extensions ?? {});
  }
  const close = error as { code?: unknown; reason?: string } | null;
  if (typeof close?.code === 'number') {
    if (close.code === 4403) return new ApiError('the API refused the key (graphql-ws 4403 Forbidden)', 'UNAUTHENTICATED');
    return new ApiError(`the API closed the event stream (${close.code}${close.reason ? ` ${close.reason}` : ''})`, 'UNREACHABLE');
  }
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return new ApiError(`cannot stream the run's events: ${cause?.code ?? (error instanceof Error ? error.message : String(error))}`, 'UNREACHABLE');
}

/**
 * Streams a run's events (its history, then live) over graphql-ws until
 * `workflow.finished`. A dropped connection is retried; events seen before are skipped.
 * @throws ApiError when the API refuses or the connection cannot be made again.
 */
export function watchRun(api: ApiTarget, runId: string, onEvent: (event: PushedEvent) => void): { done: Promise<void>; close(): Promise<void> } {
  const client = createClient({
    url: websocketUrl(api),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${api.key}` },
    retryAttempts: 5,
    // Only drops are retried: a refused key (4403) or operation is final.
    shouldRetry: (event) => !(typeof (event as { code?: unknown } | null)?.code === 'number' && (event as { code: number }).code >= 4400 && (event as { code: number }).code < 4500),
  });
  const seen = new Set<string>();
  const done = new Promise<void>((resolve, reject) => {
    client.subscribe<{ runEvents: PushedEvent }>(
      { query: RUN_EVENTS, variables: { runId } },
      {
        next: (message) => {
          if (message.errors?.length) {
            reject(toApiError(message.errors));
            return;
          }
          const event = message.data?.runEvents;
          if (!event) return;
          // A resubscription replays the history: skip what was shown (log entries share their lifecycle event's version).
          const key = `${event.type}:${event.version}:${event.nodeId ?? ''}:${event.attempt ?? ''}:${event.type === 'node.log' ? String((event.data as { seq?: unknown } | null)?.seq) : ''}`;
          if (seen.has(key)) return;
          seen.add(key);
          onEvent(event);
        },
        error: (error) => reject(toApiError(error)),
        complete: () => resolve(),
      },
    );
  });
  return {
    done,
    async close() {
      await client.dispose();
    },
  };
}
