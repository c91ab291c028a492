import { describe, expect, it } from 'vitest';
import { can, whyNot, type SettingsAction } from './settings-permissions';

describe('settings permissions', () => {
  const table: [SettingsAction, member: boolean, admin: boolean, owner: boolean][] = [
    ['apiKeys.read', false, true, true],
    ['apiKeys.manage', false, true, true],
    ['credentials.read', true, true, true],
    ['credentials.manage', false, true, true],
    ['network.read', true, true, true],
    ['network.edit', false, true, true],
    ['members.read', true, true, true],
    ['members.invite', false, false, true],
  ];

  it.each(table)('%s: member %s, admin %s, owner %s', (action, member, admin, owner) => {
    expect([can('member', action), can('admin', action), can('owner', action)]).toEqual([member, admin, owner]);
  });

  it('allows nothing without a workspace role', () => {
    expect(can(null, 'credentials.read')).toBe(false);
    expect(can('superuser', 'credentials.read')).toBe(false);
    expect(whyNot(undefined, 'network.read')).toBe('Choose a workspace first.');
  });

  it('explains a refusal with the role needed and the role held', () => {
    expect(whyNot('member', 'apiKeys.manage')).toBe('Only admins and owners can do this; your role here is member.');
    expect(whyNot('admin', 'members.invite')).toBe('Only workspace owners can do this; your role here is admin.');
    expect(whyNot('owner', 'members.invite')).toBeUndefined();
  });
});
