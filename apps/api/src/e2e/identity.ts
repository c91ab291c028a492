/** The test harness's way in: accounts and workspaces through better-auth's HTTP endpoints, as a client would. */

/** The origin tests send (and trust): better-auth refuses cookie requests from untrusted origins. */
export const TEST_ORIGIN = 'http://weft.test';

export type Session = { cookie: string; email: string };

async function authCall(base: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  const response = await fetch(`${base}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /api/auth${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

const cookieOf = (response: Response): string => {
  const cookie = response.headers.getSetCookie().find((c) => /^(__Secure-)?better-auth\.session_token=/.test(c));
  if (!cookie) throw new Error('no session cookie in the answer');
  return cookie.split(';')[0]!;
};

export async function signUp(base: string, email: string, password = 'a long enough password'): Promise<Session> {
  return { cookie: cookieOf(await authCall(base, '/sign-up/email', { email, password, name: email.split('@')[0] })), email };
}

export async function signIn(base: string, email: string, password = 'a long enough password'): Promise<Response> {
  return fetch(`${base}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: TEST_ORIGIN }, body: JSON.stringify({ email, password }) });
}

/** Creates a workspace (the creator becomes its owner) and makes it the session's active one. */
export async function createWorkspace(base: string, session: Session, name: string): Promise<string> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  const organization = (await (await authCall(base, '/organization/create', { name, slug }, session.cookie)).json()) as { id: string };
  await authCall(base, '/organization/set-active', { organizationId: organization.id }, session.cookie);
  return organization.id;
}

/** Invites `invitee` with `role`, has them accept, and makes the workspace their active one. */
export async function addMember(base: string, owner: Session, workspaceId: string, invitee: Session, role: 'member' | 'admin'): Promise<void> {
  const invitation = (await (await authCall(base, '/organization/invite-member', { email: invitee.email, role, organizationId: workspaceId }, owner.cookie)).json()) as { id: string };
  await authCall(base, '/organization/accept-invitation', { invitationId: invitation.id }, invitee.cookie);
  await authCall(base, '/organization/set-active', { organizationId: workspaceId }, invitee.cookie);
}

export async function signOut(base: string, session: Session): Promise<void> {
  await authCall(base, '/sign-out', {}, session.cookie);
}
