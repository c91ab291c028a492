import { describe, expect, it } from 'vitest';
import { emptyHistory, pushHistory, redoHistory, undoHistory } from './history-stack';

describe('undo / redo history', () => {
  it('undoes to the state before each change, and redoes back', () => {
    let stack = pushHistory(emptyHistory<number>(), 1);
    stack = pushHistory(stack, 2);
    const undone = undoHistory(stack, 3)!;
    expect(undone.state).toBe(2);
    const undoneAgain = undoHistory(undone.stack, 2)!;
    expect(undoneAgain.state).toBe(1);
    expect(undoHistory(undoneAgain.stack, 1)).toBeUndefined();
    const redone = redoHistory(undoneAgain.stack, 1)!;
    expect(redone.state).toBe(2);
    expect(redoHistory(redone.stack, 2)!.state).toBe(3);
  });

  it('drops the redo branch when a new change is pushed', () => {
    const stack = pushHistory(emptyHistory<string>(), 'a');
    const undone = undoHistory(stack, 'b')!;
    const changed = pushHistory(undone.stack, 'a');
    expect(changed.future).toEqual([]);
    expect(redoHistory(changed, 'c')).toBeUndefined();
  });

  it('keeps at most `limit` entries, forgetting the oldest', () => {
    let stack = emptyHistory<number>(3);
    for (const n of [1, 2, 3, 4, 5]) stack = pushHistory(stack, n);
    expect(stack.past).toEqual([3, 4, 5]);
  });

  it('coalesces edits with the same key inside the window into one entry', () => {
    let stack = pushHistory(emptyHistory<string>(), 'v0', { key: 'config:a', at: 0 });
    stack = pushHistory(stack, 'v1', { key: 'config:a', at: 500 });
    stack = pushHistory(stack, 'v2', { key: 'config:a', at: 1200 });
    expect(stack.past).toEqual(['v0']);
    stack = pushHistory(stack, 'v3', { key: 'config:a', at: 5000 });
    stack = pushHistory(stack, 'v4', { key: 'config:b', at: 5100 });
    expect(stack.past).toEqual(['v0', 'v3', 'v4']);
    expect(pushHistory(stack, 'v5').past).toEqual(['v0', 'v3', 'v4', 'v5']);
  });
});
