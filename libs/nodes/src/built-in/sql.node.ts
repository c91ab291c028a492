import pg from 'pg';
import { z } from 'zod';
import type { Json } from '@weft/domain';
import { configCredentialIds, credentialValues } from '../connections/connection-credential.js';
import { abortion, guardConnection } from '../connections/guard-connection.js';
import { redact, redactText, secretsOf } from '../credentials/redact.js';
import { isIpHost } from '../http/address-policy.js';
import type { NodeDefinition, NodeResult } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { sqlConnection, type SqlConnection } from './sql-connection.js';
import { sqlError } from './sql-errors.js';

export const MAX_SQL_ROWS = 100_000;
export const MAX_SQL_TIMEOUT_MS = 300_000;
export const MAX_SQL_PARAMS = 1000;

const sqlConfigSchema = z.strictObject({
  /** A postgres credential: `connectionString`, or host, port, database, user, password, ssl. */
  credentialId: z.string().min(1).max(200),
  /** One statement with `$1`… placeholders, never template-resolved: values go in `params`. */
  query: z.string().trim().min(1).max(100_000),
  params: z.array(z.json()).max(MAX_SQL_PARAMS).default([]),
  /** `rows`: return the rows (at most `maxRows`); `execute`: only the affected row count. */
  mode: z.enum(['rows', 'execute']).default('rows'),
  maxRows: z.number().int().min(1).max(MAX_SQL_ROWS).default(1000),
  timeoutMs: z.number().int().min(1).max(MAX_SQL_TIMEOUT_MS).default(30_000),
});

export type SqlConfig = z.infer<typeof sqlConfigSchema>;

/**
 * Runs one parameterised statement against PostgreSQL with `pg`, on a connection opened
 * for this attempt from the decrypted credential and closed after it. The host is checked
 * with the worker's SSRF policy (WEFT_HTTP_ALLOW) and connected to at the checked address.
 * The query is sent with the extended protocol only (one statement, values bound to `$n`),
 * under `statement_timeout`; an abort cancels it on the server (`pg_cancel_backend`).
 * Output `{ rows, rowCount, truncated }` (mode rows) or `{ rowCount }` (mode execute).
 */
export const sqlNode: NodeDefinition<SqlConfig> = {
  type: 'sql',
  title: 'SQL query',
  description: 'Runs a parameterised SQL statement against PostgreSQL with a postgres credential; returns rows or the affected row count.',
  category: 'integration',
  configSchema: sqlConfigSchema,
  rawConfigKeys: ['query'],
  credentials: configCredentialIds,
  async execute({ config, signal, services, credentials }): Promise<NodeResult> {
    const connection = sqlConnection(credentialValues(credentials, config.credentialId, 'postgres'), config.credentialId);
    const what = 'PostgreSQL';
    // The executor redacts whole credential values; a password inside a connection string is hidden here as well.
    const embedded = secretsOf({ embedded: { id: 'embedded', type: 'generic', values: connection.password ? { password: connection.password } : {} } });
    const address = await guardConnection(services, what, connection.host, connection.port);
    const client = new pg.Client(clientConfig(connection, address, config.timeoutMs));
    client.on('error', () => undefined);
    const aborted = abortion(signal);
    const onAbort = (): void => void cancelBackend(connection, address, client);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([settledLater(client.connect()), aborted.promise]);
      const query = settledLater(client.query({ text: config.query, values: config.params.map(toParam), queryMode: 'extended' } as pg.QueryConfig));
      const result = await Promise.race([query, aborted.promise]);
      const rowCount = result.rowCount ?? 0;
      if (config.mode === 'execute') return { kind: 'completed', output: { rowCount } };
      const rows = result.rows.slice(0, config.maxRows).map((row: Record<string, unknown>) => toJsonRow(row));
      return { kind: 'completed', output: redact({ rows, rowCount, truncated: result.rows.length > config.maxRows }, embedded) };
    } catch (error) {
      if (error instanceof NodeExecutionError) throw error;
      const failure = sqlError(error, what, config.timeoutMs);
      throw new NodeExecutionError(failure.code, redactText(failure.message, embedded), failure.retryable, { cause: error });
    } finally {
      signal.removeEventListener('abort', onAbort);
      aborted.dispose();
      await client.end().catch(() => undefined);
    }
  },
};

function clientConfig(connection: SqlConnection, address: string, timeoutMs: number): pg.ClientConfig {
  const servername = isIpHost(connection.host) ? undefined : connection.host;
  return {
    host: address,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    ssl: connection.ssl ? { rejectUnauthorized: connection.rejectUnauthorized, ...(servername ? { servername } : {}) } : false,
    connectionTimeoutMillis: Math.min(timeoutMs, 10_000),
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs + 2_000,
    application_name: 'weft-sql-node',
  };
}

/** The same promise, marked handled: when an abort wins the race, its later rejection is expected. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Cancels the running statement from a second connection; the attempt then fails with ABORTED. */
async function cancelBackend(connection: SqlConnection, address: string, client: pg.Client): Promise<void> {
  const pid = (client as unknown as { processID?: number }).processID;
  if (typeof pid !== 'number') return;
  const canceller = new pg.Client(clientConfig(connection, address, 5_000));
  canceller.on('error', () => undefined);
  try {
    await canceller.connect();
    await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // Best effort: statement_timeout still bounds the statement.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}

/** Objects and arrays of objects are sent as JSON text (for json/jsonb); scalars and arrays of scalars as pg binds them. */
function toParam(value: Json): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) return value;
  return JSON.stringify(value);
}

/** Dates become ISO strings, bytea becomes `\x…` hex; everything else pg returns is already JSON (int8 and numeric as strings). */
function toJsonRow(row: Record<string, unknown>): Json {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(row)) out[key] = toJsonValue(value);
  return out;
}

function toJsonValue(value: unknown): Json {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'bigint') return value.toString();
  return value as Json;
}
