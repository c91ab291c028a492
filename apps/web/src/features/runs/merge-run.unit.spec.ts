import { describe, expect, it } from 'vitest';
import { compareRuns, mergeRun } from './merge-run';
import type { RunRow } from './runs.operations';

const run = (id: string, minute: number, status: RunRow['status'] = 'running', workflowId = 'w1'): RunRow => ({
  id,
  workflowId,
  workflowVersion: 1,
  status,
  startedAt: new Date(Date.UTC(2026, 2, 10, 12, minute)).toISOString(),
  finishedAt: status === 'running' || status === 'queued' ? null : new Date(Date.UTC(2026, 2, 10, 12, minute + 1)).toISOString(),
  trigger: null,
  rerunOf: null,
});
const ids = (runs: RunRow[]) => runs.map((r) => `${r.id}:${r.status}`);

describe('merging a pushed run into a filtered, newest-first list', () => {
  const list = [run('c', 30, 'succeeded'), run('b', 20, 'running'), run('a', 10, 'failed')];

  it('puts a new run at the top and a late one at its place', () => {
    expect(ids(mergeRun({ runs: list, hasNextPage: false }, run('d', 40), {}))).toEqual(['d:running', 'c:succeeded', 'b:running', 'a:failed']);
    expect(ids(mergeRun({ runs: list, hasNextPage: false }, run('x', 25), {}))).toEqual(['c:succeeded', 'x:running', 'b:running', 'a:failed']);
  });

  it('changes a known run in place', () => {
    expect(ids(mergeRun({ runs: list, hasNextPage: false }, run('b', 20, 'succeeded'), {}))).toEqual(['c:succeeded', 'b:succeeded', 'a:failed']);
  });

  it('ignores a push older than what the list shows (a run never goes back to running)', () => {
    const done = [run('b', 20, 'succeeded')];
    expect(mergeRun({ runs: done, hasNextPage: false }, run('b', 20, 'running'), {})).toBe(done);
  });

  it('respects the filters: other workflows and statuses stay out, a run that leaves the filter goes', () => {
    const running = [run('b', 20, 'running')];
    expect(mergeRun({ runs: running, hasNextPage: false }, run('z', 50, 'running', 'w2'), { workflowId: 'w1' })).toBe(running);
    expect(mergeRun({ runs: running, hasNextPage: false }, run('z', 50, 'succeeded'), { status: 'running' })).toBe(running);
    expect(ids(mergeRun({ runs: running, hasNextPage: false }, run('b', 20, 'succeeded'), { status: 'running' }))).toEqual([]);
    expect(ids(mergeRun({ runs: [], hasNextPage: false }, run('q', 5, 'failed'), { status: 'failed' }))).toEqual(['q:failed']);
    expect(mergeRun({ runs: running, hasNextPage: false }, run('old', 1), { startedAfter: new Date(Date.UTC(2026, 2, 10, 12, 5)).toISOString() })).toBe(running);
  });

  it('leaves a run older than the last loaded one to "load more" while pages remain', () => {
    const page = [run('c', 30), run('b', 20)];
    expect(mergeRun({ runs: page, hasNextPage: true }, run('a', 10), {})).toBe(page);
    expect(ids(mergeRun({ runs: page, hasNextPage: false }, run('a', 10), {}))).toEqual(['c:running', 'b:running', 'a:running']);
  });

  it('orders equal start times by id, so the order is total', () => {
    expect([run('a', 1), run('b', 1), run('c', 2)].sort(compareRuns).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
