import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { checkPageSize } from '../graphql/pagination.js';
import { PLATFORM } from '../platform/platform.module.js';
import type { AuditConnection } from './audit.types.js';

type Row = { position: string; action: string; actor_id: string | null; at: Date; run_id: string | null; detail: unknown; user_email: string | null; key_name: string | null };

const cursorOf = (position: string) => Buffer.from(`audit:${position}`).toString('base64url');

function positionOf(after: string | null | undefined): string | undefined {
  if (!after) return undefined;
  const match = /^audit:(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw new InvalidInputError('after', 'not a cursor returned by this API');
  return match[1];
}

/** A workflow's audit trail, newest first, with the actors' names where they still exist. */
@Injectable()
export class AuditQueries {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async forWorkflow(workspaceId: string, workflowId: string, args: { first: number; after?: string | null }): Promise<AuditConnection> {
    const first = checkPageSize(args.first);
    const before = positionOf(args.after);
    const { rows } = await this.platform.pool.query<Row>(
      `SELECT a.position::text, a.action, a.actor_id, a.at, a.run_id, a.detail, u.email AS user_email, k.name AS key_name
         FROM rm_audit a
         LEFT JOIN "user" u ON u.id = a.actor_id
         LEFT JOIN apikey k ON a.actor_id = 'apikey:' || k.id
        WHERE a.workspace_id = $1 AND a.workflow_id = $2 AND ($3::bigint IS NULL OR a.position < $3::bigint)
        ORDER BY a.position DESC LIMIT $4`,
      [workspaceId, workflowId, before ?? null, first + 1],
    );
    const page = rows.slice(0, first);
    return {
      nodes: page.map((r) => ({
        at: r.at,
        action: r.action,
        runId: r.run_id,
        detail: r.detail,
        actor: { id: r.actor_id, kind: !r.actor_id || r.actor_id === 'scheduler' || r.actor_id.startsWith('worker:') ? 'system' : r.actor_id.startsWith('apikey:') ? 'apiKey' : 'user', name: r.user_email ?? r.key_name },
      })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursorOf(page[page.length - 1]!.position) : null },
    };
  }
}
