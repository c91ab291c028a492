/** A caller's role in a workspace: members read and run, admins also edit, owners also manage members. */
export type Role = 'member' | 'admin' | 'owner';

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export const isRole = (value: unknown): value is Role => value === 'member' || value === 'admin' || value === 'owner';

/** True when `role` may do what `required` may. */
export const allows = (role: Role, required: Role): boolean => RANK[role] >= RANK[required];
