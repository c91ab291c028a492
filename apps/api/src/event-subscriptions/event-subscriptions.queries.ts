import { Inject, Injectable } from '@nestjs/common';
import { EVENT_SUBSCRIPTION_STREAM_TYPE, eventSubscriptionStreamId, InvalidInputError, NotFoundError, type EventSubscriptionState } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { checkPageSize } from '../graphql/pagination.js';
import { PLATFORM } from '../platform/platform.module.js';
import { subscriptionFromState } from './event-subscription.mapper.js';
import { EventDeliveryStatus, type EventDelivery, type EventDeliveryAttempt, type EventDeliveryConnection, type EventSubscription } from './event-subscription.types.js';

type Existing = Extract<EventSubscriptionState, { exists: true }>;
type DeliveryRow = {
  id: string;
  subscription_id: string;
  run_id: string;
  event_type: string;
  seq: number;
  event_position: string;
  status: EventDeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  delivered_at: Date | null;
  payload: unknown;
};
type AttemptRow = { delivery_id: string; attempt: number; started_at: Date; duration_ms: number; status_code: number | null; error: string | null };

/** Position in a delivery log ordered by (event position desc, id desc). Opaque to clients. */
const encodeCursor = (row: DeliveryRow): string => Buffer.from(JSON.stringify([row.event_position, row.id])).toString('base64url');

function decodeCursor(value: string | null | undefined): { position: string; id: string } | undefined {
  if (!value) return undefined;
  try {
    const [position, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof position !== 'string' || !/^\d{1,18}$/.test(position) || typeof id !== 'string') throw new Error('bad cursor');
    return { position, id };
  } catch {
    throw new InvalidInputError('after', 'not a cursor returned by this API');
  }
}

/**
 * Reads of event subscriptions and their deliveries, always in the caller's workspace.
 * Subscriptions are read from their streams (so one just created or deleted shows at once);
 * deliveries from the table the deliveries reactor and senders keep.
 */
@Injectable()
export class EventSubscriptionsQueries {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async list(workspaceId: string): Promise<EventSubscription[]> {
    const { rows } = await this.platform.pool.query<{ stream_id: string }>('SELECT stream_id FROM streams WHERE stream_type = $1 AND workspace_id = $2 AND NOT closed', [
      EVENT_SUBSCRIPTION_STREAM_TYPE,
      workspaceId,
    ]);
    const loaded = await Promise.all(rows.map((row) => this.platform.aggregates.subscriptions.loadInWorkspace(row.stream_id, workspaceId)));
    return loaded
      .map((l) => l.state)
      .filter((s): s is Existing => s.exists && !s.deleted)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.subscriptionId.localeCompare(a.subscriptionId))
      .map(subscriptionFromState);
  }

  /** A subscription of the workspace, not deleted; NOT_FOUND otherwise (another workspace's ids included). */
  async get(workspaceId: string, subscriptionId: string): Promise<Existing> {
    const { state } = await this.platform.aggregates.subscriptions.loadInWorkspace(eventSubscriptionStreamId(subscriptionId), workspaceId);
    if (!state.exists || state.deleted) throw new NotFoundError('eventSubscription', subscriptionId);
    return state;
  }

  async deliveries(workspaceId: string, args: { subscriptionId: string; first: number; after?: string | null; status?: EventDeliveryStatus | null }): Promise<EventDeliveryConnection> {
    const first = checkPageSize(args.first);
    const cursor = decodeCursor(args.after);
    await this.get(workspaceId, args.subscriptionId);
    const { rows } = await this.platform.pool.query<DeliveryRow>(
      `SELECT id, subscription_id, run_id, event_type, seq, event_position::text, status, attempts, last_status_code, last_error, next_attempt_at, created_at, delivered_at, payload
         FROM deliveries
        WHERE subscription_id = $1 AND workspace_id = $2
          AND ($3::text IS NULL OR status = $3)
          AND ($4::bigint IS NULL OR (event_position, id) < ($4::bigint, $5::text))
        ORDER BY event_position DESC, id DESC
        LIMIT $6`,
      [args.subscriptionId, workspaceId, args.status ?? null, cursor?.position ?? null, cursor?.id ?? null, first + 1],
    );
    const page = rows.slice(0, first);
    const attempts = await this.attemptsOf(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      nodes: page.map((row) => toDelivery(row, attempts.get(row.id) ?? [])),
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null },
    };
  }

  private async attemptsOf(ids: string[]): Promise<Map<string, EventDeliveryAttempt[]>> {
    const byDelivery = new Map<string, EventDeliveryAttempt[]>();
    if (!ids.length) return byDelivery;
    const { rows } = await this.platform.pool.query<AttemptRow>(
      'SELECT delivery_id, attempt, started_at, duration_ms, status_code, error FROM delivery_attempts WHERE delivery_id = ANY($1) ORDER BY delivery_id, attempt',
      [ids],
    );
    for (const row of rows) {
      const list = byDelivery.get(row.delivery_id) ?? [];
      list.push({ attempt: row.attempt, startedAt: row.started_at, durationMs: row.duration_ms, statusCode: row.status_code, error: row.error });
      byDelivery.set(row.delivery_id, list);
    }
    return byDelivery;
  }
}

const toDelivery = (row: DeliveryRow, attemptLog: EventDeliveryAttempt[]): EventDelivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  runId: row.run_id,
  eventType: row.event_type,
  sequence: row.seq,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  nextAttemptAt: row.status === EventDeliveryStatus.pending ? row.next_attempt_at : null,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
  payload: row.payload,
  attemptLog,
});
