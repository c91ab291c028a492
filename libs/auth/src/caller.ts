import type { Role } from './roles.js';

/**
 * Who is calling, as established from a session cookie or an API key. A
 * caller without an active workspace can use account endpoints only.
 */
export type Caller = {
  kind: 'user' | 'apiKey';
  /** Recorded as the actor of what the caller does: a user id, or `apikey:<id>`. */
  actorId: string;
  userId?: string;
  sessionToken?: string;
  /** The cookie header the session came with: server-side calls to better-auth act as the user with it. */
  sessionCookie?: string;
  apiKeyId?: string;
  workspaceId?: string;
  role?: Role;
};
