import type { StoredEvent } from '@weft/event-store';

/** An event as published on the Redis feed and to live subscribers: its lifecycle name, ids and data. */
export type FeedEvent = {
  type: string;
  streamId: string;
  version: number;
  globalPosition: number;
  workspaceId: string;
  recordedAt: string;
  data: unknown;
};

export const toFeedEvent = (event: StoredEvent): FeedEvent => ({
  type: event.type,
  streamId: event.streamId,
  version: event.version,
  globalPosition: event.globalPosition,
  workspaceId: event.workspaceId,
  recordedAt: event.recordedAt.toISOString(),
  data: event.data,
});

/**
 * The live channel id (in place of a run id) on which every run's workflow.finished is also
 * published, after commit: synchronous triggers wait on it, workers abort the run's tasks.
 */
export const FINISHED_RUNS = '~finished';

/** Run events that change how a run stands in a list: started, queued or admitted, waiting, resumed, finished. */
export const RUN_LIFECYCLE_EVENTS: ReadonlySet<string> = new Set(['workflow.started', 'run.admitted', 'run.waiting', 'run.resumed', 'workflow.finished']);

/** What the projector announces on a workspace's runs channel once the read model shows it: which run changed. */
export type RunChanged = { runId: string; workspaceId: string; type: string };

/** The live channel id (in place of a run id) of a workspace's run changes; lossy, like every live channel. */
export const workspaceRunsChannel = (workspaceId: string): string => `~runs-${workspaceId}`;
