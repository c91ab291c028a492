import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { ACCESS, type Access } from '../auth/access.js';
import type { RequestContext } from '../context/request-context.js';
import { ForbiddenError } from '../errors/access-errors.js';
import { PLATFORM } from '../platform/platform.module.js';
import { ApiKeyRole, type ApiKey, type CreatedApiKey } from './api-key.types.js';

type Row = { id: string; name: string | null; start: string | null; metadata: string | null; createdAt: Date; lastRequest: Date | null };

const toApiKey = (row: Row): ApiKey => {
  const role = (JSON.parse(row.metadata ?? '{}') as { role?: string }).role === 'admin' ? ApiKeyRole.admin : ApiKeyRole.member;
  return { id: row.id, name: row.name, start: row.start, role, createdAt: row.createdAt, lastUsedAt: row.lastRequest };
};

/** Workspace API keys, through better-auth's API-key plugin; only a signed-in admin manages them. */
@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(ACCESS) private readonly access: Access,
    @Inject(PLATFORM) private readonly platform: Platform,
  ) {}

  async list(caller: RequestContext): Promise<ApiKey[]> {
    this.sessionHeaders(caller);
    const { rows } = await this.platform.pool.query<Row>(
      `SELECT id, name, start, metadata, "createdAt", "lastRequest" FROM apikey WHERE "referenceId" = $1 ORDER BY "createdAt" DESC LIMIT 200`,
      [caller.workspaceId],
    );
    return rows.map(toApiKey);
  }

  async create(caller: RequestContext, name: string, role: ApiKeyRole): Promise<CreatedApiKey> {
    const headers = this.sessionHeaders(caller);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw new InvalidInputError('name', 'must be 1 to 100 characters');
    const created = await this.access.auth.api.createApiKey({ body: { name: trimmed, organizationId: caller.workspaceId, metadata: { role } }, headers });
    const key = created as unknown as { id: string; key: string; name: string | null; start: string | null; createdAt: Date };
    return { apiKey: { id: key.id, name: key.name, start: key.start, role, createdAt: new Date(key.createdAt), lastUsedAt: null }, secret: key.key };
  }

  async revoke(caller: RequestContext, id: string): Promise<ApiKey> {
    this.sessionHeaders(caller);
    const { rows } = await this.platform.pool.query<Row>(
      `DELETE FROM apikey WHERE id = $1 AND "referenceId" = $2 RETURNING id, name, start, metadata, "createdAt", "lastRequest"`,
      [id, caller.workspaceId],
    );
    if (!rows[0]) throw new NotFoundError('apiKey', id);
    return toApiKey(rows[0]);
  }

  /** Keys are managed by people: a key cannot mint or revoke keys. */
  private sessionHeaders(caller: RequestContext): Headers {
    if (caller.caller.kind !== 'user' || !caller.caller.sessionCookie) throw new ForbiddenError('API keys are managed from a signed-in session, not with an API key');
    return new Headers({ cookie: caller.caller.sessionCookie });
  }
}
