import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';
import type pg from 'pg';

export type AuthSettings = {
  /** The pool of Weft's PostgreSQL: better-auth's tables live there and migrate with the rest. */
  pool: pg.Pool;
  /** Signs session cookies; at least 32 characters. */
  secret: string;
  /** Where the API is reached (cookies and redirects are issued for it). */
  baseURL: string;
  /** Origins allowed to send cookie-authenticated requests (the web app's). */
  trustedOrigins: string[];
  production: boolean;
  /** Sign-in attempts per minute and client, across every API instance (the counters live in PostgreSQL). */
  signInAttemptsPerMinute?: number;
  /** Where better-auth's own messages go (a refused credential is routine: logged as info). */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
};

/** API keys are bearer tokens with this prefix (a session token never has it). */
export const API_KEY_PREFIX = 'weft_';

/** The header the API sets from the connection's address (never trusted from the client) for per-client rate limits. */
export const CLIENT_IP_HEADER = 'x-weft-client-ip';

// Who may do what through better-auth: owners manage the workspace, its members and keys;
// admins its API keys (Weft's own rights — editing, publishing — are checked by the API).
const accessControl = createAccessControl({ ...defaultStatements, apiKey: ['create', 'read', 'update', 'delete'] });
const ownerRole = accessControl.newRole({
  organization: ['update', 'delete'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
  apiKey: ['create', 'read', 'update', 'delete'],
});
const adminRole = accessControl.newRole({ organization: ['update'], apiKey: ['create', 'read', 'update', 'delete'] });
const memberRole = accessControl.newRole({});

/**
 * The one better-auth configuration, shared by the API and the web app:
 * email and password accounts with database sessions, organizations as
 * workspaces (roles owner, admin, member; invitations), and API keys owned by
 * a workspace. Rate limits are counted in PostgreSQL, so they hold across
 * API instances.
 */
export function createAuth(settings: AuthSettings) {
  return betterAuth({
    database: settings.pool,
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: '/api/auth',
    trustedOrigins: settings.trustedOrigins,
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: settings.signInAttemptsPerMinute ?? 10 },
        '/sign-up/email': { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: settings.production,
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
    logger: {
      log: (level: string, message: string) => {
        const routine = /invalid api key|invalid password|user not found/i.test(message);
        settings.log?.(routine || level === 'debug' || level === 'info' || level === 'success' ? 'info' : level === 'warn' ? 'warn' : 'error', `better-auth: ${message}`);
      },
    },
    plugins: [
      organization({
        creatorRole: 'owner',
        invitationExpiresIn: 60 * 60 * 24 * 7,
        // Invitation ids are random UUIDs, as opaque as better-auth's own: accepting one needs no verified email
        // (there is no mail delivery yet; the invitee signs in with the invited address).
        requireEmailVerificationOnInvitation: false,
        // Only owners manage members and invitations; admins edit the workspace's workflows.
        ac: accessControl,
        roles: { owner: ownerRole, admin: adminRole, member: memberRole },
      }),
      apiKey({ references: 'organization', defaultPrefix: API_KEY_PREFIX, enableMetadata: true, rateLimit: { enabled: false } }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
