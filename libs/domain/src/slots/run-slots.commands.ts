import type { Command } from '../shared/command.js';

/** A queued run asks for a slot; `limit` is its pinned version's `settings.maxConcurrentRuns`. */
export type AcquireRunSlot = Command<'AcquireRunSlot', { workflowId: string; runId: string; limit: number }>;
/** A run ended: it gives back its slot, or leaves the queue. */
export type ReleaseRunSlot = Command<'ReleaseRunSlot', { workflowId: string; runId: string }>;

export type RunSlotsCommand = AcquireRunSlot | ReleaseRunSlot;
