import type pg from 'pg';
import { eventSubscriptionStreamId, SUBSCRIBABLE_EVENT_TYPES, type SubscriptionCreated, type SubscriptionDeleted } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import type { Logger } from '../logger.js';
import { runIdOfStream } from '../relay/relay.js';
import { toDeliveryPayload, type RunOrigin } from './delivery-payload.js';
import { deliveryId } from './signing.js';

/** The checkpoint name of the reactor that turns run events into deliveries. */
export const DELIVERIES_TAILER = 'deliveries';
/** Notified after new deliveries are written: senders wake at once instead of at their next poll. */
export const DELIVERIES_CHANNEL = 'weft_deliveries';

/** `tx` and `position`: where its subscription.created is in the log; it gets the run events after that. */
type Subscription = { id: string; eventTypes: readonly string[]; workflowIds: readonly string[]; tx: bigint; position: number };
type Row = { id: string; subscription_id: string; workspace_id: string; run_id: string; seq: number; event_position: number; event_type: string; payload: unknown };

const DELIVERED_TYPES: ReadonlySet<string> = new Set(SUBSCRIBABLE_EVENT_TYPES);
const MAX_CACHED_RUNS = 10_000;

/**
 * Reads the log in order and writes one delivery row per run event and matching
 * subscription (event type and workflow filters), keeping the subscriptions as the log
 * has them (`event_subscriptions`): an event is delivered to the subscriptions created
 * before it in the log and not deleted. Replays write nothing twice: a delivery's id is
 * derived from the subscription and the event's global position, and a subscription
 * never gets events from before its creation. Sending is the DeliverySender's.
 */
export class DeliveryPlanner {
  /** Run id → its workflow, for events after workflow.started (which alone carries it). */
  private readonly origins = new Map<string, RunOrigin>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  async handle(events: StoredEvent[]): Promise<void> {
    const relevant = events.filter((e) => isRunEvent(e) || isSubscriptionEvent(e));
    if (!relevant.length) return;
    const active = await this.activeIn([...new Set(relevant.filter(isRunEvent).map((e) => e.workspaceId))]);
    let rows: Row[] = [];
    for (const event of relevant) {
      if (isRunEvent(event)) {
        rows.push(...(await this.plan(event, active.get(event.workspaceId))));
        continue;
      }
      // Deliveries planned so far belong before the change, in the log as in the table.
      await this.insert(rows);
      rows = [];
      if (event.type === 'subscription.created') await this.created(event, active);
      else await this.deleted(event, active);
    }
    await this.insert(rows);
  }

  /** Forgets what it cached (its checkpoint was moved: a replay follows). */
  forget(): void {
    this.origins.clear();
  }

  private async activeIn(workspaceIds: string[]): Promise<Map<string, Subscription[]>> {
    const active = new Map<string, Subscription[]>(workspaceIds.map((id) => [id, []]));
    if (!workspaceIds.length) return active;
    const { rows } = await this.pool.query<{ id: string; workspace_id: string; event_types: string[]; workflow_ids: string[]; created_tx: string; created_position: string }>(
      'SELECT id, workspace_id, event_types, workflow_ids, created_tx::text, created_position::text FROM event_subscriptions WHERE workspace_id = ANY($1) AND deleted_at IS NULL',
      [workspaceIds],
    );
    for (const row of rows) {
      active.get(row.workspace_id)!.push({ id: row.id, eventTypes: row.event_types, workflowIds: row.workflow_ids, tx: BigInt(row.created_tx), position: Number(row.created_position) });
    }
    return active;
  }

  private async plan(event: StoredEvent, subscriptions: Subscription[] | undefined): Promise<Row[]> {
    const runId = runIdOfStream(event.streamId);
    if (event.type === 'workflow.started') this.remember(runId, originOf(event.data));
    if (!subscriptions?.length) return this.done(event, runId, []);
    const origin = this.origins.get(runId) ?? (await this.readOrigin(event.streamId));
    if (!origin) {
      this.logger.warn('run event without a workflow.started: not delivered', { runId, type: event.type });
      return [];
    }
    this.remember(runId, origin);
    const matching = subscriptions.filter(
      (s) => isAfter(event, s) && s.eventTypes.includes(event.type) && (s.workflowIds.length === 0 || s.workflowIds.includes(origin.workflowId)),
    );
    const payload = toDeliveryPayload(event, runId, origin);
    return this.done(
      event,
      runId,
      matching.map((s) => ({
        id: deliveryId(s.id, event.globalPosition),
        subscription_id: s.id,
        workspace_id: event.workspaceId,
        run_id: runId,
        seq: event.version,
        event_position: event.globalPosition,
        event_type: event.type,
        payload,
      })),
    );
  }

  private done(event: StoredEvent, runId: string, rows: Row[]): Row[] {
    if (event.type === 'workflow.finished') this.origins.delete(runId);
    return rows;
  }

  private remember(runId: string, origin: RunOrigin): void {
    this.origins.delete(runId);
    this.origins.set(runId, origin);
    if (this.origins.size > MAX_CACHED_RUNS) this.origins.delete(this.origins.keys().next().value!);
  }

  private async readOrigin(streamId: string): Promise<RunOrigin | undefined> {
    const { rows } = await this.pool.query<{ data: unknown }>("SELECT data FROM events WHERE stream_id = $1 AND version = 1 AND type = 'workflow.started'", [streamId]);
    return rows[0] ? originOf(rows[0].data) : undefined;
  }

  private async created(event: StoredEvent, active: Map<string, Subscription[]>): Promise<void> {
    const data = event.data as SubscriptionCreated['data'];
    // A subscription already deleted (its stream closed) when the log is replayed starts deleted:
    // the replay must not send again what it sent before its deletion.
    const { rows } = await this.pool.query<{ deleted: boolean }>(
      `WITH inserted AS (
         INSERT INTO event_subscriptions (id, workspace_id, url, event_types, workflow_ids, secret, created_at, deleted_at, created_tx, created_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN (SELECT closed FROM streams WHERE stream_id = $8) THEN now() END, $9::bigint, $10::bigint)
         ON CONFLICT (id) DO NOTHING RETURNING deleted_at)
       SELECT (deleted_at IS NOT NULL) AS deleted FROM inserted
       UNION ALL SELECT (deleted_at IS NOT NULL) FROM event_subscriptions WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [
        data.subscriptionId,
        event.workspaceId,
        data.url,
        data.eventTypes,
        data.workflowIds ?? [],
        JSON.stringify(data.secret),
        data.createdAt,
        eventSubscriptionStreamId(data.subscriptionId),
        event.transactionId,
        event.globalPosition,
      ],
    );
    const subscriptions = active.get(event.workspaceId);
    if (subscriptions && !rows[0]?.deleted && !subscriptions.some((s) => s.id === data.subscriptionId)) {
      subscriptions.push({ id: data.subscriptionId, eventTypes: data.eventTypes, workflowIds: data.workflowIds ?? [], tx: BigInt(event.transactionId), position: event.globalPosition });
    }
  }

  private async deleted(event: StoredEvent, active: Map<string, Subscription[]>): Promise<void> {
    const { subscriptionId, deletedAt } = event.data as SubscriptionDeleted['data'];
    await this.pool.query('UPDATE event_subscriptions SET deleted_at = COALESCE(deleted_at, $2) WHERE id = $1', [subscriptionId, deletedAt]);
    await this.pool.query(`UPDATE deliveries SET status = 'failed', last_error = 'the subscription was deleted', updated_at = now() WHERE subscription_id = $1 AND status = 'pending'`, [subscriptionId]);
    const subscriptions = active.get(event.workspaceId);
    if (subscriptions) active.set(event.workspaceId, subscriptions.filter((s) => s.id !== subscriptionId));
  }

  /** One statement for the batch; wakes the senders when it wrote anything. */
  private async insert(rows: Row[]): Promise<void> {
    if (!rows.length) return;
    await this.pool.query(
      `WITH inserted AS (
         INSERT INTO deliveries (id, subscription_id, workspace_id, run_id, seq, event_position, event_type, payload, next_attempt_at, created_at, updated_at)
         SELECT r.id, r.subscription_id, r.workspace_id, r.run_id, r.seq, r.event_position, r.event_type, r.payload, now(), now(), now()
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, subscription_id text, workspace_id text, run_id text, seq int, event_position bigint, event_type text, payload jsonb)
         ON CONFLICT (id) DO NOTHING RETURNING 1)
       SELECT pg_notify('${DELIVERIES_CHANNEL}', '') FROM (SELECT count(*) AS n FROM inserted) AS c WHERE c.n > 0`,
      [JSON.stringify(rows)],
    );
  }
}

/** In the tailers' order: (transaction id, global position). */
const isAfter = (event: StoredEvent, subscription: Subscription): boolean => {
  const tx = BigInt(event.transactionId);
  return tx > subscription.tx || (tx === subscription.tx && event.globalPosition > subscription.position);
};

const isRunEvent = (event: StoredEvent): boolean => DELIVERED_TYPES.has(event.type) && event.streamId.startsWith('run-');
const isSubscriptionEvent = (event: StoredEvent): boolean => (event.type === 'subscription.created' || event.type === 'subscription.deleted') && event.streamId.startsWith('event-subscription-');

function originOf(data: unknown): RunOrigin {
  const { workflowId, workflowVersion } = data as { workflowId: string; workflowVersion: number };
  return { workflowId, workflowVersion };
}
