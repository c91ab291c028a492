import { Authenticator, createAuth, type Auth } from '@weft/auth';
import type { Platform } from '@weft/engine';

/** Accounts and credentials of one API process: better-auth, and who-is-calling over it. */
export type Access = { auth: Auth; authenticator: Authenticator };

export const ACCESS = Symbol('ACCESS');

export function createAccess(platform: Platform): Access {
  const { config } = platform;
  const auth = createAuth({
    pool: platform.pool,
    secret: config.auth.secret,
    baseURL: config.auth.publicUrl,
    trustedOrigins: config.auth.trustedOrigins,
    production: config.production,
    signInAttemptsPerMinute: config.auth.signInAttemptsPerMinute,
    log: (level, message) => platform.logger[level](message),
  });
  return { auth, authenticator: new Authenticator(auth, platform.pool) };
}
