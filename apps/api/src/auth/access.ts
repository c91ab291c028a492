import { Authenticator, createAuth, type Auth } from '@weft/auth';
import pg from 'pg';
import { ConfigError, DEVELOPMENT_AUTH_SECRET, type Platform } from '@weft/engine';

/** Accounts and credentials of one API process: better-auth, and who-is-calling over it. */
export type Access = { auth: Auth; authenticator: Authenticator; close(): Promise<void> };

const INT8 = 20;
const bigintsAsNumbers = (oid: number): ((value: string) => unknown) => (oid === INT8 ? Number : (pg.types.getTypeParser(oid) as (value: string) => unknown));

export const ACCESS = Symbol('ACCESS');

export function createAccess(platform: Platform): Access {
  const { config } = platform;
  if (config.production && config.auth.secret === DEVELOPMENT_AUTH_SECRET) throw new ConfigError('invalid setting WEFT_AUTH_SECRET: required in production (at least 32 random characters)');
  // better-auth's own pool: its rate-limit counters are bigint columns it does arithmetic on, so they must come back as numbers.
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5, types: { getTypeParser: bigintsAsNumbers } });
  // An idle client's error (PostgreSQL restarted) must not take the API down: the pool drops it, the next query reconnects.
  pool.on('error', () => undefined);
  const auth = createAuth({
    pool,
    secret: config.auth.secret,
    baseURL: config.auth.publicUrl,
    trustedOrigins: config.auth.trustedOrigins,
    production: config.production,
    signInAttemptsPerMinute: config.auth.signInAttemptsPerMinute,
    log: (level, message) => platform.logger[level](message),
  });
  return { auth, authenticator: new Authenticator(auth, platform.pool, { trustedOrigins: config.auth.trustedOrigins }), close: () => pool.end() };
}
