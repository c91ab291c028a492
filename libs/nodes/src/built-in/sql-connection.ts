import { credentialFlag, credentialPort } from '../connections/connection-credential.js';
import { NodeExecutionError } from '../node-execution-error.js';

/** Where and as whom to connect, from a postgres credential's values. */
export type SqlConnection = { host: string; port: number; database?: string; user?: string; password?: string; ssl: boolean; rejectUnauthorized: boolean };

const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);

/**
 * Reads a postgres credential: either `connectionString` (`postgres://user:password@host:port/database?sslmode=require`)
 * or `host`, `port`, `database`, `user`, `password`, `ssl` ("true", or an sslmode). Unix sockets are refused
 * (the SSRF check needs a host). Errors name the field, never a value.
 */
export function sqlConnection(values: Readonly<Record<string, string>>, credentialId: string): SqlConnection {
  const bad = (message: string): NodeExecutionError => new NodeExecutionError('CONFIG', `credential "${credentialId}": ${message}`, false, { field: 'credentialId' });
  if (values.connectionString !== undefined) {
    let url: URL;
    try {
      url = new URL(values.connectionString);
    } catch {
      throw bad('"connectionString" is not a postgres:// URL');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw bad('"connectionString" is not a postgres:// URL');
    if (!url.hostname || url.searchParams.has('host')) throw bad('"connectionString" must name a TCP host (no Unix socket)');
    const sslmode = url.searchParams.get('sslmode') ?? values.ssl;
    return {
      host: url.hostname,
      port: credentialPort(url.port || undefined, 5432, credentialId),
      database: decodeURIComponent(url.pathname.slice(1)) || undefined,
      user: decodeURIComponent(url.username) || values.user,
      password: decodeURIComponent(url.password) || values.password,
      ...sslOf(sslmode, bad),
    };
  }
  if (!values.host) throw bad('give "connectionString" or "host" (with port, database, user, password)');
  if (values.host.startsWith('/')) throw bad('"host" must be a TCP host (no Unix socket)');
  return { host: values.host, port: credentialPort(values.port, 5432, credentialId), database: values.database, user: values.user, password: values.password, ...sslOf(values.ssl, bad) };
}

function sslOf(mode: string | undefined, bad: (message: string) => NodeExecutionError): { ssl: boolean; rejectUnauthorized: boolean } {
  if (mode === undefined) return { ssl: false, rejectUnauthorized: true };
  const lower = mode.trim().toLowerCase();
  if (SSL_MODES.has(lower)) return { ssl: lower !== 'disable' && lower !== 'allow' && lower !== 'prefer', rejectUnauthorized: lower === 'verify-ca' || lower === 'verify-full' };
  if (!/^(true|false|1|0|yes|no|on|off)$/.test(lower)) throw bad('"ssl" (or sslmode) is neither a boolean nor an sslmode');
  return { ssl: credentialFlag(lower), rejectUnauthorized: true };
}
