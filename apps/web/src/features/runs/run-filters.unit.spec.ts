import { describe, expect, it } from 'vitest';
import { inScope, parseRunFilters, runFiltersToSearch, runScope, runsVariables, startedAfterFor } from './run-filters';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');

describe('run filters', () => {
  it('turns a time window into the instant it starts at, and "all" into nothing', () => {
    expect(startedAfterFor('1h', NOW)).toBe('2026-03-10T11:00:00.000Z');
    expect(startedAfterFor('24h', NOW)).toBe('2026-03-09T12:00:00.000Z');
    expect(startedAfterFor('7d', NOW)).toBe('2026-03-03T12:00:00.000Z');
    expect(startedAfterFor('all', NOW)).toBeUndefined();
  });

  it('reads the query string, ignoring unknown values, and writes it back without the defaults', () => {
    expect(parseRunFilters(new URLSearchParams('workflow=w1&status=failed&window=7d'))).toEqual({ workflowId: 'w1', status: 'failed', window: '7d' });
    expect(parseRunFilters(new URLSearchParams('status=exploded&window=1y'))).toEqual({ window: 'all' });
    expect(runFiltersToSearch({ workflowId: 'w1', status: 'running', window: '1h' })).toBe('?workflow=w1&status=running&window=1h');
    expect(runFiltersToSearch({ window: 'all' })).toBe('');
    const round = { workflowId: 'a b', status: 'queued', window: '24h' } as const;
    expect(parseRunFilters(new URLSearchParams(runFiltersToSearch(round)))).toEqual(round);
  });

  it('resolves the filters to the query variables', () => {
    const scope = runScope({ workflowId: 'w1', window: '1h' }, NOW);
    expect(scope).toEqual({ workflowId: 'w1', startedAfter: '2026-03-10T11:00:00.000Z' });
    expect(runsVariables(scope, 25)).toEqual({ first: 25, workflowId: 'w1', startedAfter: '2026-03-10T11:00:00.000Z' });
    expect(runsVariables(runScope({ status: 'failed', window: 'all' }, NOW), 25, 'c1')).toEqual({ first: 25, status: 'failed', after: 'c1' });
  });

  it('tells whether a run belongs in a scope', () => {
    const run = { workflowId: 'w1', status: 'running' as const, startedAt: '2026-03-10T11:30:00.000Z' };
    expect(inScope(run, {})).toBe(true);
    expect(inScope(run, { workflowId: 'w2' })).toBe(false);
    expect(inScope(run, { status: 'succeeded' })).toBe(false);
    expect(inScope(run, { startedAfter: '2026-03-10T11:30:00.000Z' })).toBe(true);
    expect(inScope(run, { startedAfter: '2026-03-10T11:30:00.001Z' })).toBe(false);
  });
});
