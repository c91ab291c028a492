import { describe, expect, it } from 'vitest';
import { initialRunsList, reduceRunsList, type RunsListAction } from './runs-list';
import type { RunPage, RunRow } from './runs.operations';

const run = (id: string, minute: number, status: RunRow['status'] = 'running'): RunRow => ({
  id,
  workflowId: 'w1',
  workflowVersion: 1,
  status,
  startedAt: new Date(Date.UTC(2026, 2, 10, 12, minute)).toISOString(),
  finishedAt: null,
  trigger: null,
  rerunOf: null,
});
const page = (nodes: RunRow[], hasNextPage = false): RunPage => ({ nodes, pageInfo: { endCursor: nodes.at(-1)?.id ?? null, hasNextPage } });
const fold = (actions: RunsListAction[]) => actions.reduce(reduceRunsList, initialRunsList({}));

describe('the live runs list', () => {
  it('applies pushes heard while the first page loads on top of it', () => {
    const state = fold([
      { type: 'load', request: 1, scope: {}, keepRows: false },
      { type: 'pushed', run: run('b', 20, 'succeeded') },
      { type: 'pushed', run: run('c', 30) },
      { type: 'loaded', request: 1, page: page([run('b', 20), run('a', 10)]) },
    ]);
    expect(state.phase).toBe('ready');
    expect(state.runs.map((r) => `${r.id}:${r.status}`)).toEqual(['c:running', 'b:succeeded', 'a:running']);
  });

  it('ignores the answer to a request the filters have replaced', () => {
    const state = fold([
      { type: 'load', request: 1, scope: {}, keepRows: false },
      { type: 'load', request: 2, scope: { status: 'failed' }, keepRows: false },
      { type: 'loaded', request: 1, page: page([run('a', 10)]) },
    ]);
    expect(state).toMatchObject({ phase: 'loading', runs: [] });
    expect(reduceRunsList(state, { type: 'failed', request: 2, message: 'boom' })).toMatchObject({ phase: 'error', error: 'boom' });
  });

  it('appends older pages without duplicating runs pushed meanwhile', () => {
    const state = fold([
      { type: 'load', request: 1, scope: {}, keepRows: false },
      { type: 'loaded', request: 1, page: page([run('c', 30), run('b', 20)], true) },
      { type: 'pushed', run: run('d', 40) },
      { type: 'moreRequested' },
      { type: 'moreLoaded', request: 1, page: page([run('b', 20), run('a', 10)]) },
    ]);
    expect(state.runs.map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(state).toMatchObject({ hasNextPage: false, loadingMore: false, endCursor: 'a' });
  });

  it('keeps the rows on screen while reloading after a reconnect, and applies what it heard meanwhile', () => {
    const reloading = fold([
      { type: 'load', request: 1, scope: {}, keepRows: false },
      { type: 'loaded', request: 1, page: page([run('a', 10)]) },
      { type: 'load', request: 2, scope: {}, keepRows: true },
      { type: 'pushed', run: run('b', 20, 'succeeded') },
    ]);
    expect(reloading).toMatchObject({ phase: 'ready', refreshing: true });
    expect(reloading.runs.map((r) => r.id)).toEqual(['a']);
    const reloaded = reduceRunsList(reloading, { type: 'loaded', request: 2, page: page([run('b', 20, 'running'), run('a', 10, 'succeeded')]) });
    expect(reloaded).toMatchObject({ phase: 'ready', refreshing: false });
    expect(reloaded.runs.map((r) => `${r.id}:${r.status}`)).toEqual(['b:succeeded', 'a:succeeded']);
    const failed = reduceRunsList(reloading, { type: 'failed', request: 2, message: 'offline' });
    expect(failed).toMatchObject({ phase: 'ready', refreshing: false, error: 'offline' });
    expect(failed.runs.map((r) => r.id)).toEqual(['b', 'a']);
  });
});
