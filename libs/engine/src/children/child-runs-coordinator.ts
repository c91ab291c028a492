import type pg from 'pg';
import { ConflictError, workflowStreamId, type Json, type NodeError, type RunWaiting, type WorkflowFinished } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import type { Aggregates } from '../commands/aggregates.js';
import { unlessMovedOn } from '../commands/unless-moved-on.js';
import type { Logger } from '../logger.js';
import type { OutputStorage } from '../outputs/output-storage.js';
import { runIdOfStream } from '../relay/relay.js';
import { childRunId } from './child-run-id.js';

/** Sub-workflows calling sub-workflows: deeper than this fails the node (a workflow calling itself would never end). */
export const MAX_CHILD_DEPTH = 10;

type Batch = { parent_run_id: string; node_id: string; attempt: number; workspace_id: string; workflow_id: string; version: number; count: number; concurrency: number; collect: 'single' | 'list'; depth: number };
type Child = { child_run_id: string; parent_run_id: string; node_id: string; attempt: number; index: number; status: string };

const BATCH_COLUMNS = 'parent_run_id, node_id, attempt, workspace_id, workflow_id, version, count, concurrency, collect, depth';

/**
 * Runs the child runs of waiting nodes (sub-workflow: one child; map: one per item, at most
 * `concurrency` at once) and resumes the node when they are done, from the log, in order:
 * - a node waiting for children opens a batch and starts the first `concurrency` children;
 * - the k-th child to finish successfully starts item `concurrency + k - 1`; when all have
 *   succeeded the node resumes with the output (one child's, or all in item order);
 * - a child that fails or is cancelled fails the node (its retry policy or error edge apply)
 *   and cancels its running siblings; a parent that ends cancels its running children.
 * Every step is idempotent: child ids are derived from (run, node, attempt, item), a finish is
 * ranked once, and commands carry ids, so replaying a batch of the log starts nothing twice.
 */
export class ChildRunsCoordinator {
  constructor(
    private readonly pool: pg.Pool,
    private readonly aggregates: Aggregates,
    private readonly outputs: OutputStorage,
    private readonly logger: Logger,
  ) {}

  async handle(events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'run.waiting' && (event.data as RunWaiting['data']).waitFor?.kind === 'children') await this.open(runIdOfStream(event.streamId), event.workspaceId, event.data as RunWaiting['data']);
      else if (event.type === 'workflow.finished') await this.finished(runIdOfStream(event.streamId), event.workspaceId, event.data as WorkflowFinished['data']);
    }
  }

  private async open(parentRunId: string, workspaceId: string, data: RunWaiting['data']): Promise<void> {
    if (data.waitFor?.kind !== 'children') return;
    const { workflowId, version, count, concurrency, collect } = data.waitFor;
    const items = await this.outputs.resolve(workspaceId, data.output);
    const { rows: parents } = await this.pool.query<{ depth: number }>('SELECT depth FROM child_runs WHERE child_run_id = $1', [parentRunId]);
    const depth = (parents[0]?.depth ?? 0) + 1;
    await this.pool.query(
      `INSERT INTO child_batches (${BATCH_COLUMNS}, items) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [parentRunId, data.nodeId, data.attempt, workspaceId, workflowId, version, count, concurrency, collect, depth, JSON.stringify(items)],
    );
    const batch: Batch = { parent_run_id: parentRunId, node_id: data.nodeId, attempt: data.attempt, workspace_id: workspaceId, workflow_id: workflowId, version, count, concurrency, collect, depth };
    if (depth > MAX_CHILD_DEPTH) {
      await this.resolve(batch, { outcome: 'failed', error: { code: 'SUBWORKFLOW_DEPTH', message: `sub-workflows nested deeper than ${MAX_CHILD_DEPTH}: does a workflow call itself?`, retryable: false } });
      return;
    }
    for (let index = 0; index < Math.min(concurrency, count); index += 1) await this.start(batch, index);
  }

  private async finished(runId: string, workspaceId: string, data: WorkflowFinished['data']): Promise<void> {
    // As a parent: whatever ended it, its running children end too.
    const { rows: open } = await this.pool.query<Batch>(`SELECT ${BATCH_COLUMNS} FROM child_batches WHERE parent_run_id = $1 AND NOT done`, [runId]);
    for (const batch of open) await this.closeBatch(batch, 'its parent run ended');
    // As a child: rank its finish once, then move its batch on. Every step after the ranking
    // is idempotent and is taken again on a replay: a crash between two steps loses none.
    await this.pool.query(
      `UPDATE child_runs c SET status = $2, output = $3, error = $4,
              finished_seq = (SELECT count(*) + 1 FROM child_runs s WHERE s.parent_run_id = c.parent_run_id AND s.node_id = c.node_id AND s.attempt = c.attempt AND s.finished_seq IS NOT NULL)
        WHERE child_run_id = $1 AND finished_seq IS NULL`,
      [runId, data.status, JSON.stringify(data.output ?? null), data.error ? JSON.stringify(data.error) : null],
    );
    const { rows } = await this.pool.query<Child & { finished_seq: number }>('SELECT child_run_id, parent_run_id, node_id, attempt, index, status, finished_seq FROM child_runs WHERE child_run_id = $1', [runId]);
    const child = rows[0];
    if (!child) return;
    const { rows: batches } = await this.pool.query<Batch>(`SELECT ${BATCH_COLUMNS} FROM child_batches WHERE parent_run_id = $1 AND node_id = $2 AND attempt = $3`, [
      child.parent_run_id,
      child.node_id,
      child.attempt,
    ]);
    const batch = batches[0];
    if (!batch) return;
    if (data.status !== 'succeeded') {
      const code = data.status === 'cancelled' ? 'CHILD_CANCELLED' : 'CHILD_FAILED';
      const error: NodeError = { code, message: `child run ${runId} (item ${child.index}) ${data.status}${data.error ? `: ${data.error.message}` : ''}`, retryable: false };
      await this.resolve(batch, { outcome: 'failed', error });
      await this.closeBatch(batch, 'a sibling failed');
      return;
    }
    const next = batch.concurrency + child.finished_seq - 1;
    if (next < batch.count) await this.start(batch, next);
    const { rows: done } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM child_runs WHERE parent_run_id = $1 AND node_id = $2 AND attempt = $3 AND status = 'succeeded'`, [
      batch.parent_run_id,
      batch.node_id,
      batch.attempt,
    ]);
    if (Number(done[0]?.n) < batch.count) return;
    const { rows: outputs } = await this.pool.query<{ output: Json }>(`SELECT output FROM child_runs WHERE parent_run_id = $1 AND node_id = $2 AND attempt = $3 ORDER BY index`, [
      batch.parent_run_id,
      batch.node_id,
      batch.attempt,
    ]);
    const values = await Promise.all(outputs.map((row) => this.outputs.resolve(workspaceId, row.output)));
    const output = await this.outputs.keep(workspaceId, batch.collect === 'single' ? (values[0] ?? null) : values);
    await this.resolve(batch, { outcome: 'succeeded', output });
    await this.pool.query('UPDATE child_batches SET done = true WHERE parent_run_id = $1 AND node_id = $2 AND attempt = $3', [batch.parent_run_id, batch.node_id, batch.attempt]);
  }

  private async start(batch: Batch, index: number): Promise<void> {
    const id = childRunId(batch.parent_run_id, batch.node_id, batch.attempt, index);
    await this.pool.query(
      `INSERT INTO child_runs (child_run_id, parent_run_id, node_id, attempt, index, depth, status) VALUES ($1, $2, $3, $4, $5, $6, 'running') ON CONFLICT DO NOTHING`,
      [id, batch.parent_run_id, batch.node_id, batch.attempt, index, batch.depth],
    );
    const { rows } = await this.pool.query<{ item: Json }>('SELECT items -> $4::int AS item FROM child_batches WHERE parent_run_id = $1 AND node_id = $2 AND attempt = $3', [
      batch.parent_run_id,
      batch.node_id,
      batch.attempt,
      index,
    ]);
    const { state: workflow } = await this.aggregates.workflows.loadInWorkspace(workflowStreamId(batch.workflow_id), batch.workspace_id);
    const graph = workflow.exists ? workflow.versions[batch.version - 1]?.graph : undefined;
    if (!graph) {
      await this.resolve(batch, { outcome: 'failed', error: { code: 'CONFIG', message: `workflow "${batch.workflow_id}" has no version ${batch.version} any more`, retryable: false } });
      return;
    }
    try {
      await this.aggregates.runs.handle({
        type: 'StartRun',
        data: { runId: id, workflowId: batch.workflow_id, workflowVersion: batch.version, graph, input: rows[0]?.item ?? null, parent: { runId: batch.parent_run_id, nodeId: batch.node_id, attempt: batch.attempt, index } },
        metadata: { commandId: `child:${id}`, now: new Date().toISOString(), workspaceId: batch.workspace_id, actorId: `run:${batch.parent_run_id}` },
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // already started: a replay
    }
  }

  /** Marks the batch done and cancels its children still running. */
  private async closeBatch(batch: Batch, reason: string): Promise<void> {
    await this.pool.query('UPDATE child_batches SET done = true WHERE parent_run_id = $1 AND node_id = $2 AND attempt = $3', [batch.parent_run_id, batch.node_id, batch.attempt]);
    const { rows } = await this.pool.query<Child>(`SELECT child_run_id FROM child_runs WHERE parent_run_id = $1 AND node_id = $2 AND attempt = $3 AND status = 'running'`, [
      batch.parent_run_id,
      batch.node_id,
      batch.attempt,
    ]);
    for (const child of rows) {
      await this.command(() =>
        this.aggregates.runs.handle({
          type: 'CancelRun',
          data: { runId: child.child_run_id, reason },
          metadata: { commandId: `cancel-child:${child.child_run_id}`, now: new Date().toISOString(), workspaceId: batch.workspace_id, actorId: `run:${batch.parent_run_id}` },
        }),
      );
    }
  }

  private resolve(batch: Batch, result: { outcome: 'succeeded'; output: Json } | { outcome: 'failed'; error: NodeError }): Promise<void> {
    return this.command(() =>
      this.aggregates.runs.handle({
        type: 'ResolveWait',
        data: { runId: batch.parent_run_id, nodeId: batch.node_id, resolution: { kind: 'children', ...result } },
        metadata: { commandId: `children:${batch.parent_run_id}:${batch.node_id}:${batch.attempt}`, now: new Date().toISOString(), workspaceId: batch.workspace_id, actorId: 'children' },
      }),
    );
  }

  /** A command about a run that has moved on (finished, no longer waiting) is a no-op here. */
  private command(send: () => Promise<unknown>): Promise<void> {
    return unlessMovedOn(this.logger, 'child-runs step not applicable', {}, send);
  }
}
