/**
 * A bounded undo / redo stack of snapshots. Pure: every operation returns a new stack.
 * `push` records the state *before* a change; edits that share a `key` within `coalesceMs`
 * (typing into one config field) make one entry, so one undo reverts the whole burst.
 */
export type HistoryStack<T> = {
  past: T[];
  future: T[];
  limit: number;
  last?: { key: string; at: number };
};

export type PushOptions = { key?: string; at?: number; coalesceMs?: number };

export const emptyHistory = <T>(limit = 100): HistoryStack<T> => ({ past: [], future: [], limit });

export function pushHistory<T>(stack: HistoryStack<T>, before: T, { key, at = 0, coalesceMs = 1000 }: PushOptions = {}): HistoryStack<T> {
  const coalesced = key !== undefined && stack.last?.key === key && at - stack.last.at <= coalesceMs && stack.past.length > 0;
  const last = key === undefined ? undefined : { key, at };
  if (coalesced) return { ...stack, future: [], ...(last ? { last } : {}) };
  const past = [...stack.past, before].slice(-stack.limit);
  return { past, future: [], limit: stack.limit, ...(last ? { last } : {}) };
}

/** The state to go back to, and the stack with `current` kept for redo; undefined when there is nothing to undo. */
export function undoHistory<T>(stack: HistoryStack<T>, current: T): { stack: HistoryStack<T>; state: T } | undefined {
  const state = stack.past.at(-1);
  if (state === undefined) return undefined;
  return { state, stack: { past: stack.past.slice(0, -1), future: [current, ...stack.future].slice(0, stack.limit), limit: stack.limit } };
}

export function redoHistory<T>(stack: HistoryStack<T>, current: T): { stack: HistoryStack<T>; state: T } | undefined {
  const state = stack.future[0];
  if (state === undefined) return undefined;
  return { state, stack: { past: [...stack.past, current].slice(-stack.limit), future: stack.future.slice(1), limit: stack.limit } };
}
