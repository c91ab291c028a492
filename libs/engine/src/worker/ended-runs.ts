import { runStreamId } from '@weft/domain';
import type { LiveListener } from '@weft/bus';
import type { PgEventStore } from '@weft/event-store';
import type { Logger } from '../logger.js';
import { FINISHED_RUNS } from '../relay/feed-event.js';
import { runIdOfStream } from '../relay/relay.js';

type Subscribe = (channel: string, listener: LiveListener) => Promise<() => Promise<void>>;

/**
 * Calls `onRunEnded` with the id of every run that ends, as its `workflow.finished`
 * is announced on the FINISHED_RUNS live channel — after commit, by the process that
 * appended it and again by the projector, so a run may be told twice.
 * Pub/Sub is lossy: `endedRunsIn` is the safety net. Never rejects: resolves, once
 * subscribed (or once the subscription failed, which is logged), with a function that stops.
 */
export function followEndedRuns(subscribe: Subscribe, onRunEnded: (runId: string) => void, logger: Logger): Promise<() => Promise<void>> {
  return subscribe(FINISHED_RUNS, (message) => {
    const runId = runIdOfFinished(message);
    if (runId !== undefined) onRunEnded(runId);
  }).catch((error: unknown) => {
    logger.warn('cannot follow ended runs: their tasks are aborted at the next lease check only', { error: String(error) });
    return () => Promise.resolve();
  });
}

/** Of `runIds`, those that have ended, from the event store (a finished run's stream is closed in the same commit). */
export async function endedRunsIn(store: Pick<PgEventStore, 'closedStreams'>, runIds: string[]): Promise<string[]> {
  return (await store.closedStreams(runIds.map(runStreamId))).map(runIdOfStream);
}

function runIdOfFinished(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, streamId } = message as { type?: unknown; streamId?: unknown };
  return type === 'workflow.finished' && typeof streamId === 'string' && streamId.startsWith('run-') ? runIdOfStream(streamId) : undefined;
}
