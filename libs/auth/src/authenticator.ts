import type pg from 'pg';
import { API_KEY_PREFIX, type Auth } from './auth.js';
import type { Caller } from './caller.js';
import { isRole, type Role } from './roles.js';

type Cached<T> = { value: T; until: number };

export type AuthenticatorOptions = {
  /** Origins whose pages may use a session cookie (CSRF): a cookie request from another origin is not authenticated. */
  trustedOrigins?: string[];
  /** How long a verified API key is trusted before it is checked again (revocation delay). Default 5 s. */
  apiKeyTtlMs?: number;
  /** How long a session found valid is trusted by `stillValid` (subscriptions). Default 250 ms. */
  recheckTtlMs?: number;
};

/**
 * Establishes the caller of a request or a WebSocket connection: a bearer API
 * key (`Authorization: Bearer weft_…`, scoped to one workspace) or a session
 * cookie (the user's active workspace and their role in it, read live from
 * the membership, so removing a member takes effect at once).
 */
export class Authenticator {
  private readonly keys = new Map<string, Cached<Caller | undefined>>();
  private readonly rechecks = new Map<string, Cached<boolean>>();
  private readonly apiKeyTtlMs: number;
  private readonly recheckTtlMs: number;
  private readonly trustedOrigins: string[] | undefined;

  constructor(
    private readonly auth: Auth,
    private readonly pool: pg.Pool,
    options: AuthenticatorOptions = {},
  ) {
    this.apiKeyTtlMs = options.apiKeyTtlMs ?? 5000;
    this.recheckTtlMs = options.recheckTtlMs ?? 250;
    this.trustedOrigins = options.trustedOrigins;
  }

  /** The caller of these headers, or undefined when they carry no valid credential. */
  async authenticate(headers: Headers): Promise<Caller | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
    if (bearer?.startsWith(API_KEY_PREFIX)) return this.fromApiKey(bearer);
    if (!headers.get('cookie')) return undefined;
    const origin = headers.get('origin');
    if (origin && this.trustedOrigins && !this.trustedOrigins.includes(origin)) return undefined;
    const session = await this.auth.api.getSession({ headers });
    if (!session) return undefined;
    const workspaceId = session.session.activeOrganizationId ?? undefined;
    const role = workspaceId ? await this.roleOf(session.user.id, workspaceId) : undefined;
    return {
      kind: 'user',
      actorId: session.user.id,
      userId: session.user.id,
      sessionToken: session.session.token,
      sessionCookie: headers.get('cookie') ?? undefined,
      ...(role && workspaceId ? { workspaceId, role } : {}),
    };
  }

  /**
   * Whether a caller authenticated earlier still may act in its workspace:
   * the session is not revoked or expired, the membership still exists, the
   * key is still enabled. Cached for a fraction of a second (it runs for every
   * event pushed to a subscriber).
   */
  async stillValid(caller: Caller): Promise<boolean> {
    const key = caller.sessionToken ?? caller.apiKeyId ?? caller.actorId;
    const cached = this.rechecks.get(key);
    if (cached && cached.until > Date.now()) return cached.value;
    const value = await this.check(caller);
    this.rechecks.set(key, { value, until: Date.now() + this.recheckTtlMs });
    if (this.rechecks.size > 10_000) this.rechecks.delete(this.rechecks.keys().next().value as string);
    return value;
  }

  private async check(caller: Caller): Promise<boolean> {
    if (caller.kind === 'apiKey') {
      const { rows } = await this.pool.query<{ ok: boolean }>(
        `SELECT COALESCE(k.enabled, true) AND (k."expiresAt" IS NULL OR k."expiresAt" > now()) AS ok
           FROM apikey k JOIN organization o ON o.id = k."referenceId" WHERE k.id = $1`,
        [caller.apiKeyId],
      );
      return rows[0]?.ok === true;
    }
    const { rows } = await this.pool.query<{ ok: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM session s JOIN member m ON m."userId" = s."userId" AND m."organizationId" = $2
          WHERE s.token = $1 AND s."expiresAt" > now()
       ) AS ok`,
      [caller.sessionToken, caller.workspaceId],
    );
    return rows[0]?.ok === true;
  }

  private async fromApiKey(key: string): Promise<Caller | undefined> {
    const cached = this.keys.get(key);
    if (cached && cached.until > Date.now()) return cached.value;
    const result = await this.auth.api.verifyApiKey({ body: { key } }).catch(() => undefined);
    // A key outlives nothing: its workspace must still exist.
    const record = result?.valid && result.key && (await this.workspaceExists(result.key.referenceId)) ? result.key : undefined;
    const role: Role = isRole(record?.metadata?.role) && record.metadata.role !== 'owner' ? record.metadata.role : 'member';
    const caller: Caller | undefined = record ? { kind: 'apiKey', actorId: `apikey:${record.id}`, apiKeyId: record.id, workspaceId: record.referenceId, role } : undefined;
    this.keys.set(key, { value: caller, until: Date.now() + this.apiKeyTtlMs });
    if (this.keys.size > 10_000) this.keys.delete(this.keys.keys().next().value as string);
    return caller;
  }

  private async workspaceExists(workspaceId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM organization WHERE id = $1', [workspaceId]);
    return Boolean(rowCount);
  }

  private async roleOf(userId: string, workspaceId: string): Promise<Role | undefined> {
    const { rows } = await this.pool.query<{ role: string }>(`SELECT role FROM member WHERE "userId" = $1 AND "organizationId" = $2`, [userId, workspaceId]);
    const role = rows[0]?.role;
    return isRole(role) ? role : undefined;
  }
}
