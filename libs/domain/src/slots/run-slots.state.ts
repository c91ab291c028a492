import type { RunSlotsEvent } from './run-slots.events.js';

export type SlotRequest = { runId: string; limit: number };

/** Runs holding a slot, and runs waiting for one in the order they asked. */
export type RunSlotsState = { holders: readonly string[]; queue: readonly SlotRequest[] };

export const initialRunSlotsState = (): RunSlotsState => ({ holders: [], queue: [] });

export function evolveRunSlots(state: RunSlotsState, event: RunSlotsEvent): RunSlotsState {
  const { runId } = event.data;
  switch (event.type) {
    case 'slot.granted':
      return { holders: [...state.holders, runId], queue: state.queue.filter((q) => q.runId !== runId) };
    case 'slot.queued':
      return { ...state, queue: [...state.queue, { runId, limit: event.data.limit }] };
    case 'slot.released':
      return { ...state, holders: state.holders.filter((id) => id !== runId) };
    case 'slot.withdrawn':
      return { ...state, queue: state.queue.filter((q) => q.runId !== runId) };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
