import { Inject, Injectable } from '@nestjs/common';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../platform/platform.module.js';
import type { Run } from '../runs/run.types.js';
import type { Dashboard, FailureHotspot, WorkflowDurations, WorkflowRunStats } from './dashboard.types.js';
import { checkWindow, fillBuckets, OUTCOME_COUNTS, windowStart, type BucketRow } from './run-buckets.js';

/** Aggregates over the run read models, always within the caller's workspace. */
@Injectable()
export class DashboardQueries {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async dashboard(workspaceId: string, hours: number, now = new Date()): Promise<Dashboard> {
    const since = windowStart(now, 'hour', checkWindow('hours', hours, 168));
    const { pool } = this.platform;
    const [perHour, durations, hotspots] = await Promise.all([
      pool.query<BucketRow>(`SELECT date_trunc('hour', started_at, 'UTC') AS start, ${OUTCOME_COUNTS} FROM rm_runs WHERE workspace_id = $1 AND started_at >= $2 GROUP BY 1`, [workspaceId, since]),
      pool.query<WorkflowDurations>(
        `SELECT r.workflow_id AS "workflowId", w.name AS "workflowName", count(*)::int AS runs,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - r.started_at) * 1000) AS "p50Ms",
                percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM r.finished_at - r.started_at) * 1000) AS "p95Ms"
           FROM rm_runs r JOIN rm_workflows w ON w.id = r.workflow_id AND w.workspace_id = r.workspace_id
          WHERE r.workspace_id = $1 AND r.started_at >= $2 AND r.finished_at IS NOT NULL
          GROUP BY 1, 2 ORDER BY "p95Ms" DESC, 1 LIMIT 20`,
        [workspaceId, since],
      ),
      pool.query<FailureHotspot>(
        `SELECT r.workflow_id AS "workflowId", w.name AS "workflowName", n.node_id AS "nodeId", n.node_type AS "nodeType", count(*)::int AS failures
           FROM rm_runs r
           JOIN rm_node_runs n ON n.run_id = r.id AND n.workspace_id = r.workspace_id
           JOIN rm_workflows w ON w.id = r.workflow_id AND w.workspace_id = r.workspace_id
          WHERE r.workspace_id = $1 AND r.started_at >= $2 AND n.status = 'failed'
          GROUP BY 1, 2, 3, 4 ORDER BY failures DESC, 1, 3 LIMIT 10`,
        [workspaceId, since],
      ),
    ]);
    return {
      since,
      runsPerHour: fillBuckets(perHour.rows, since, now, 'hour'),
      durations: durations.rows.map((row) => ({ ...row, p50Ms: Number(row.p50Ms), p95Ms: Number(row.p95Ms) })),
      failureHotspots: hotspots.rows,
    };
  }

  async lastRun(workspaceId: string, workflowId: string): Promise<Run | null> {
    return (await this.platform.prisma.run.findFirst({ where: { workspaceId, workflowId }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] })) as Run | null;
  }

  async workflowStats(workspaceId: string, workflowId: string, days: number, now = new Date()): Promise<WorkflowRunStats> {
    const since = windowStart(now, 'day', checkWindow('days', days, 90));
    const { rows } = await this.platform.pool.query<BucketRow>(
      `SELECT date_trunc('day', started_at, 'UTC') AS start, ${OUTCOME_COUNTS} FROM rm_runs WHERE workspace_id = $1 AND workflow_id = $2 AND started_at >= $3 GROUP BY 1`,
      [workspaceId, workflowId, since],
    );
    const sum = (key: 'succeeded' | 'failed' | 'cancelled' | 'active') => rows.reduce((total, row) => total + row[key], 0);
    const [succeeded, failed, cancelled] = [sum('succeeded'), sum('failed'), sum('cancelled')];
    const finished = succeeded + failed + cancelled;
    return { runs: finished + sum('active'), succeeded, failed, cancelled, successRate: finished ? succeeded / finished : null, days: fillBuckets(rows, since, now, 'day') };
  }
}
