/**
 * The run slots of one workflow (stream `slots-<workflowId>`): which runs hold one of its
 * `settings.maxConcurrentRuns` slots, and which wait for one, first come first served.
 */
export type SlotGranted = { type: 'slot.granted'; data: { runId: string; grantedAt: string } };
/** No slot free (or runs queued before it): the run waits its turn. `limit`: its pinned version's maxConcurrentRuns. */
export type SlotQueued = { type: 'slot.queued'; data: { runId: string; limit: number; queuedAt: string } };
/** A run that held a slot ended: the slot is free for the next run queued. */
export type SlotReleased = { type: 'slot.released'; data: { runId: string; releasedAt: string } };
/** A queued run ended (cancelled) before its turn: it leaves the queue and frees nothing. */
export type SlotWithdrawn = { type: 'slot.withdrawn'; data: { runId: string; withdrawnAt: string } };

export type RunSlotsEvent = SlotGranted | SlotQueued | SlotReleased | SlotWithdrawn;

export const RUN_SLOTS_STREAM_TYPE = 'run-slots';
export const runSlotsStreamId = (workflowId: string): string => `slots-${workflowId}`;
