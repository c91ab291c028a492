import { AuthError } from '@/lib/auth/auth-api';

/**
 * Workspaces, members and invitations through better-auth's organization endpoints,
 * same-origin like lib/auth/auth-api.ts (the browser sends the trusted Origin and the cookie).
 */
async function call<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit = body === undefined ? { credentials: 'same-origin' } : { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`/api/auth${path}`, init);
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const { message, code } = (parsed ?? {}) as { message?: string; code?: string };
    throw new AuthError(message ?? `request failed (${response.status})`, code);
  }
  return parsed as T;
}

export type Workspace = { id: string; name: string; slug: string };
export type Member = { id: string; role: string; userId: string; createdAt: string; user: { id: string; name: string; email: string } };
export type Invitation = { id: string; email: string; role: string; status: string; expiresAt: string; organizationId: string };
export type FullWorkspace = Workspace & { members: Member[]; invitations: Invitation[] };
export type InvitationDetails = Invitation & { organizationName: string; inviterEmail: string };

/** Every workspace the signed-in person belongs to. */
export const listWorkspaces = (): Promise<Workspace[]> => call('/organization/list');

const slugOf = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workspace'}-${Math.random().toString(36).slice(2, 8)}`;

/** Creates a workspace owned by the caller; it becomes the session's active one. */
export const createWorkspace = (name: string): Promise<Workspace> => call('/organization/create', { name, slug: slugOf(name) });

/** Makes a workspace the session's active one: every later request acts in it. */
export const setActiveWorkspace = (organizationId: string): Promise<unknown> => call('/organization/set-active', { organizationId });

/** The active workspace with its members (and their users) and its invitations of any status. */
export const getActiveWorkspace = (): Promise<FullWorkspace | null> => call('/organization/get-full-organization');

/** Invites an email into the active workspace (owners only); Weft sends no mail, the id is passed on by hand. */
export const inviteMember = (email: string, role: string): Promise<Invitation> => call('/organization/invite-member', { email, role });

export const cancelInvitation = (invitationId: string): Promise<unknown> => call('/organization/cancel-invitation', { invitationId });

/** An invitation addressed to the signed-in person's email (anyone else gets 403). */
export const getInvitation = (id: string): Promise<InvitationDetails> => call(`/organization/get-invitation?id=${encodeURIComponent(id)}`);

/** Joins the workspace; it becomes the session's active one. */
export const acceptInvitation = (invitationId: string): Promise<unknown> => call('/organization/accept-invitation', { invitationId });

export const rejectInvitation = (invitationId: string): Promise<unknown> => call('/organization/reject-invitation', { invitationId });

/** The link an invitee opens (after signing in with the invited address). */
export const invitationLink = (origin: string, invitationId: string): string => `${origin}/invitations/${invitationId}`;
