import { describe, expect, it } from 'vitest';
import { searchWorkflows } from './search-workflows';

const workflows = [{ name: 'Daily Report' }, { name: 'Café orders' }, { name: 'Report errors' }];

describe('workflow search', () => {
  it('matches every word anywhere in the name, ignoring case and accents', () => {
    expect(searchWorkflows(workflows, 'report').map((w) => w.name)).toEqual(['Daily Report', 'Report errors']);
    expect(searchWorkflows(workflows, 'cafe').map((w) => w.name)).toEqual(['Café orders']);
    expect(searchWorkflows(workflows, 'err rep').map((w) => w.name)).toEqual(['Report errors']);
  });

  it('keeps everything for an empty query and nothing for a miss', () => {
    expect(searchWorkflows(workflows, '  ')).toHaveLength(3);
    expect(searchWorkflows(workflows, 'zzz')).toEqual([]);
  });
});
