import type { Client, FormattedExecutionResult, Sink, SubscribePayload } from 'graphql-ws';

/**
 * Subscribes through a graphql-ws client and returns an unsubscribe that is safe to call
 * at any moment, the moment the server completes the operation included.
 *
 * graphql-ws 6's client counts the operations on its shared socket and closes the socket
 * when the count reaches 0. An unsubscribe that lands between the server's last `next` and
 * its `complete` for the same operation (both read from one TCP chunk, which is what a busy
 * server sends) counts the operation out twice: the count reaches 0 while other operations
 * still run, the socket is closed, and those are completed as if their server had ended
 * them — a live runs list that silently stops. Deferring the unsubscribe to the next
 * macrotask lets a `complete` already read be handled first, which makes it a no-op.
 * Nothing is delivered to the sink after the unsubscribe is asked for.
 */
export function subscribeSafely<Data, Extensions = unknown>(client: Client, payload: SubscribePayload, sink: Sink<FormattedExecutionResult<Data, Extensions>>): () => void {
  let unsubscribed = false;
  const unsubscribe = client.subscribe<Data, Extensions>(payload, {
    next: (value) => !unsubscribed && sink.next(value),
    error: (error) => sink.error(error),
    complete: () => sink.complete(),
  });
  return () => {
    if (unsubscribed) return;
    unsubscribed = true;
    setTimeout(unsubscribe, 0);
  };
}
