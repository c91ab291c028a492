import { Inject, Injectable } from '@nestjs/common';
import type { Platform } from '@weft/engine';
import { checkPageSize, decodeCursor, toPage } from '../graphql/pagination.js';
import { PLATFORM } from '../platform/platform.module.js';
import type { NodeRun, Run, RunConnection, RunStatus } from './run.types.js';

/** Reads of the run read models, always filtered by the caller's workspace. */
@Injectable()
export class RunsQueries {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async list(workspaceId: string, args: { first: number; after?: string | null; workflowId?: string | null; status?: RunStatus | null; startedAfter?: Date | null; startedBefore?: Date | null }): Promise<RunConnection> {
    const first = checkPageSize(args.first);
    const cursor = decodeCursor(args.after);
    const rows = await this.platform.prisma.run.findMany({
      where: {
        workspaceId,
        ...(args.workflowId ? { workflowId: args.workflowId } : {}),
        ...(args.status ? { status: args.status } : {}),
        ...(args.startedAfter || args.startedBefore ? { startedAt: { ...(args.startedAfter ? { gte: args.startedAfter } : {}), ...(args.startedBefore ? { lt: args.startedBefore } : {}) } } : {}),
        ...(cursor ? { OR: [{ startedAt: { lt: cursor.at } }, { startedAt: cursor.at, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: first + 1,
    });
    return toPage(rows.map((r) => r as Run), first, (r) => ({ at: r.startedAt, id: r.id }));
  }

  async get(workspaceId: string, id: string): Promise<Run | null> {
    return (await this.platform.prisma.run.findFirst({ where: { id, workspaceId } })) as Run | null;
  }

  async nodeRuns(workspaceId: string, runId: string): Promise<NodeRun[]> {
    const rows = await this.platform.prisma.nodeRun.findMany({ where: { runId, workspaceId }, orderBy: { seq: 'asc' } });
    return rows as NodeRun[];
  }

  /** The last stream version the read model has applied for this run (0: not projected yet). */
  async projectedVersion(workspaceId: string, runId: string): Promise<number> {
    const row = await this.platform.prisma.run.findFirst({ where: { id: runId, workspaceId }, select: { projectedVersion: true } });
    return row?.projectedVersion ?? 0;
  }
}
