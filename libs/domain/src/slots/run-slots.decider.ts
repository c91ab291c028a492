import type { Decider } from '../shared/command.js';
import { InvalidInputError } from '../shared/errors.js';
import type { RunSlotsCommand } from './run-slots.commands.js';
import type { RunSlotsEvent } from './run-slots.events.js';
import { evolveRunSlots, initialRunSlotsState, type RunSlotsState } from './run-slots.state.js';

/**
 * A workflow's concurrent-run limit as a counting semaphore with a FIFO queue.
 * A run is granted a slot at once when one is free and nobody waits; otherwise it
 * queues, and each slot given back goes to the run at the head of the queue, once
 * fewer runs hold a slot than that run's limit (a version may change the limit).
 * Repeats decide nothing: a run asks once and gives back once.
 */
export function createRunSlotsDecider(): Decider<RunSlotsState, RunSlotsCommand, RunSlotsEvent> {
  return {
    initialState: initialRunSlotsState,
    evolve: evolveRunSlots,
    decide(command, state) {
      const now = command.metadata.now;
      const { runId } = command.data;
      const holds = state.holders.includes(runId);
      const waits = state.queue.some((q) => q.runId === runId);
      switch (command.type) {
        case 'AcquireRunSlot': {
          const { limit } = command.data;
          if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidInputError('limit', `must be a whole number of runs from 1, got ${limit}`);
          if (holds || waits) return [];
          if (state.queue.length === 0 && state.holders.length < limit) return [{ type: 'slot.granted', data: { runId, grantedAt: now } }];
          return [{ type: 'slot.queued', data: { runId, limit, queuedAt: now } }];
        }
        case 'ReleaseRunSlot': {
          if (!holds && !waits) return [];
          const left: RunSlotsEvent = holds ? { type: 'slot.released', data: { runId, releasedAt: now } } : { type: 'slot.withdrawn', data: { runId, withdrawnAt: now } };
          return [left, ...grantsFor(evolveRunSlots(state, left), now)];
        }
        default: {
          const _exhaustive: never = command;
          return _exhaustive;
        }
      }
    },
  };
}

/** Slots for the head of the queue while its limit leaves room: strictly in order, never past a run still waiting. */
function grantsFor(start: RunSlotsState, now: string): RunSlotsEvent[] {
  const grants: RunSlotsEvent[] = [];
  let state = start;
  for (let head = state.queue[0]; head && state.holders.length < head.limit; head = state.queue[0]) {
    const granted: RunSlotsEvent = { type: 'slot.granted', data: { runId: head.runId, grantedAt: now } };
    grants.push(granted);
    state = evolveRunSlots(state, granted);
  }
  return grants;
}
