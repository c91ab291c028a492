import type pg from 'pg';
import { upcastEvent, type RunEvent, type WorkflowEvent } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import { runIdOfStream } from '../relay/relay.js';
import { AUDIT_INSERT_SQL, auditRow } from './audit-rows.js';
import { applyRunEvent, type RunRows } from './run-rows.js';
import { loadRunRows, saveRunRows } from './run-rows.sql.js';
import { applyWorkflowEvent } from './workflow-rows.sql.js';

/**
 * Builds the read models (workflows, versions, runs, node runs) with two
 * queries per batch of run events: the runs of the batch are loaded, every
 * event is applied in memory, and what changed is written back in one statement.
 * Idempotent: each run row remembers the stream version it has applied, and an
 * event at or below it is skipped, so a replayed batch changes nothing.
 * `onApplied` runs after the commit: live updates go out only once the read
 * model shows them.
 */
const MAX_CACHED_RUNS = 2000;

export class ReadModelProjector {
  private readonly cache = new Map<string, RunRows>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly onApplied: (events: StoredEvent[]) => Promise<void> = async () => {},
  ) {}

  async handle(events: StoredEvent[]): Promise<void> {
    try {
      await this.apply(events);
    } catch (error) {
      this.cache.clear(); // rows may have been changed in memory and not written
      throw error;
    }
  }

  /** Drops the cached rows: the read models were reset (a rebuild) or may differ from memory. */
  forget(): void {
    this.cache.clear();
  }

  private async apply(events: StoredEvent[]): Promise<void> {
    const upcast: StoredEvent[] = events.map((event) => ({ ...event, ...upcastEvent(event) }));
    await this.applyWorkflowEvents(upcast.filter((e) => e.streamId.startsWith('workflow-')) as (StoredEvent & WorkflowEvent)[]);
    const runEvents = upcast.filter((e) => e.streamId.startsWith('run-'));
    const runIds = [...new Set(runEvents.map((e) => runIdOfStream(e.streamId)))];
    const rows = await loadRunRows(this.pool, runIds.filter((id) => !this.cache.has(id)));
    for (const id of runIds) if (this.cache.has(id)) rows.set(id, this.cache.get(id)!);
    const changed = new Map<string, RunRows>();
    const applied: StoredEvent[] = [];
    for (const event of runEvents) {
      const runId = runIdOfStream(event.streamId);
      const next = applyRunEvent(rows.get(runId), runId, event as StoredEvent & RunEvent);
      if (!next) continue;
      rows.set(runId, next);
      changed.set(runId, next);
      applied.push(event);
    }
    await saveRunRows(this.pool, [...changed.values()]);
    await this.saveAudit(upcast, rows);
    for (const [runId, written] of changed) this.remember(runId, written);
    if (applied.length) await this.onApplied(applied);
  }

  /**
   * This projector is the only writer of the read models (its tailer holds a
   * lease), so rows it wrote are what the table holds: a running run's rows are
   * kept for its next events instead of being read back. Finished runs leave.
   */
  private remember(runId: string, rows: RunRows): void {
    this.cache.delete(runId);
    if (rows.run.finished_at !== null) return;
    this.cache.set(runId, { run: rows.run, nodes: rows.nodes, changedNodes: new Set(), newLogs: [] });
    if (this.cache.size > MAX_CACHED_RUNS) this.cache.delete(this.cache.keys().next().value as string);
  }

  private async saveAudit(events: StoredEvent[], rows: Map<string, RunRows>): Promise<void> {
    const entries = events.flatMap((event) => {
      const runId = event.streamId.startsWith('run-') ? runIdOfStream(event.streamId) : undefined;
      if (!runId && !event.streamId.startsWith('workflow-')) return [];
      return auditRow(event, runId, (id) => rows.get(id)?.run.workflow_id) ?? [];
    });
    if (entries.length) await this.pool.query(AUDIT_INSERT_SQL, [JSON.stringify(entries)]);
  }

  /** Workflow events are rare and touch two tables: one transaction for all of them. */
  private async applyWorkflowEvents(events: (StoredEvent & WorkflowEvent)[]): Promise<void> {
    if (!events.length) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const event of events) await applyWorkflowEvent(client, event);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
