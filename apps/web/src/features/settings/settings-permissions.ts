/** A role in a workspace, as `me.role` names it. */
export type WorkspaceRole = 'owner' | 'admin' | 'member';

/** What the settings pages let someone do; the API checks every one of them again. */
export type SettingsAction =
  | 'apiKeys.read'
  | 'apiKeys.manage'
  | 'credentials.read'
  | 'credentials.manage'
  | 'network.read'
  | 'network.edit'
  | 'members.read'
  | 'members.invite';

const RANK: Record<WorkspaceRole, number> = { member: 0, admin: 1, owner: 2 };

/** The least role of each action (docs/api.md "Roles", README "Accounts and workspaces"). */
const LEAST_ROLE: Record<SettingsAction, WorkspaceRole> = {
  'apiKeys.read': 'admin',
  'apiKeys.manage': 'admin',
  'credentials.read': 'member',
  'credentials.manage': 'admin',
  'network.read': 'member',
  'network.edit': 'admin',
  'members.read': 'member',
  'members.invite': 'owner',
};

export const isWorkspaceRole = (role: unknown): role is WorkspaceRole => role === 'owner' || role === 'admin' || role === 'member';

/** Whether `role` may do `action`; no role (no active workspace) may do nothing. */
export function can(role: string | null | undefined, action: SettingsAction): boolean {
  return isWorkspaceRole(role) && RANK[role] >= RANK[LEAST_ROLE[action]];
}

/** Why an action is unavailable, for the hint shown beside a hidden or disabled control. */
export function whyNot(role: string | null | undefined, action: SettingsAction): string | undefined {
  if (can(role, action)) return undefined;
  const least = LEAST_ROLE[action];
  const who = least === 'owner' ? 'workspace owners' : 'admins and owners';
  return isWorkspaceRole(role) ? `Only ${who} can do this; your role here is ${role}.` : 'Choose a workspace first.';
}

/** The roles an invitation may carry (owners are only ever creators). */
export const INVITABLE_ROLES = ['member', 'admin'] as const;
