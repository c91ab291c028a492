import { describe, expect, it } from 'vitest';
import { allows, isRole } from './roles.js';

describe('roles', () => {
  it('orders member < admin < owner', () => {
    expect(allows('member', 'member')).toBe(true);
    expect(allows('member', 'admin')).toBe(false);
    expect(allows('admin', 'member')).toBe(true);
    expect(allows('admin', 'owner')).toBe(false);
    expect(allows('owner', 'admin')).toBe(true);
  });

  it('recognises only the three roles', () => {
    expect(['owner', 'admin', 'member', 'guest', '', null].map(isRole)).toEqual([true, true, true, false, false, false]);
  });
});
