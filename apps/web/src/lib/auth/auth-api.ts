/**
 * Accounts through better-auth's endpoints, same-origin (`/api/auth/*` is proxied to the
 * API). The browser keeps the session cookie; every call here sends the page's Origin,
 * which the API must trust (WEFT_PUBLIC_URL or WEFT_TRUSTED_ORIGINS).
 */
export class AuthError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/auth${path}`, body === undefined ? { credentials: 'same-origin' } : { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const { message, code } = (parsed ?? {}) as { message?: string; code?: string };
    throw new AuthError(message ?? `request failed (${response.status})`, code);
  }
  return parsed as T;
}

const slugOf = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workspace'}-${Math.random().toString(36).slice(2, 8)}`;

/** Creates the account, then a workspace it owns, which becomes the session's active one. */
export async function signUp(input: { name: string; email: string; password: string; workspace: string }): Promise<void> {
  await call('/sign-up/email', { name: input.name, email: input.email, password: input.password });
  await call('/organization/create', { name: input.workspace, slug: slugOf(input.workspace) });
}

/** Signs in; a new session has no active workspace, so the first one is made active. */
export async function signIn(input: { email: string; password: string }): Promise<void> {
  await call('/sign-in/email', input);
  const workspaces = await call<{ id: string }[]>('/organization/list');
  const first = workspaces[0];
  if (first) await call('/organization/set-active', { organizationId: first.id });
  else await call('/organization/create', { name: 'My workspace', slug: slugOf('my workspace') });
}

export async function signOut(): Promise<void> {
  await call('/sign-out', {});
}
