import { describe, expect, it } from 'vitest';
import { formatAllowList, lineErrorOf, parseAllowList } from './allow-list';

describe('the network allow-list textarea', () => {
  it('takes one trimmed entry per line and skips blank lines, remembering their lines', () => {
    expect(parseAllowList('10.20.0.0/16\n\n  billing.internal:8443  \r\n\t\n[fd00::1]:443\n')).toEqual({
      entries: ['10.20.0.0/16', 'billing.internal:8443', '[fd00::1]:443'],
      lineOf: [1, 3, 5],
    });
  });

  it('is empty for an empty or blank text (which clears the list)', () => {
    expect(parseAllowList('')).toEqual({ entries: [], lineOf: [] });
    expect(parseAllowList(' \n \n')).toEqual({ entries: [], lineOf: [] });
  });

  it('maps entries[i] to the line the entry was typed on', () => {
    const parsed = parseAllowList('10.0.0.0/8\n\n127.0.0.1\n');
    expect(lineErrorOf(parsed, 'entries[1]', 'loopback is not allowed')).toEqual({ line: 3, entry: '127.0.0.1', message: 'loopback is not allowed' });
  });

  it('drops the field name the message repeats', () => {
    const parsed = parseAllowList('127.0.0.1');
    expect(lineErrorOf(parsed, 'entries[0]', 'entries[0]: "127.0.0.1" is outside the ranges')?.message).toBe('"127.0.0.1" is outside the ranges');
  });

  it('points nowhere for a whole-list error or an index out of range', () => {
    const parsed = parseAllowList('a.internal');
    expect(lineErrorOf(parsed, 'entries', 'at most 100 entries')).toBeUndefined();
    expect(lineErrorOf(parsed, 'entries[4]', 'x')).toBeUndefined();
    expect(lineErrorOf(parsed, undefined, 'x')).toBeUndefined();
  });

  it('formats a saved list back, one entry per line', () => {
    expect(formatAllowList(['10.0.0.0/8', 'crm.internal'])).toBe('10.0.0.0/8\ncrm.internal');
  });
});
