import { Inject, Injectable } from '@nestjs/common';
import type { Platform } from '@weft/engine';
import { checkPageSize, decodeCursor, toPage } from '../graphql/pagination.js';
import { PLATFORM } from '../platform/platform.module.js';
import type { Workflow, WorkflowConnection, WorkflowVersion } from './workflow.types.js';

type WorkflowRow = { id: string; name: string; description: string; archived: boolean; draft: unknown; draftRevision: number; latestVersion: number | null; createdAt: Date; updatedAt: Date };

const toWorkflow = (row: WorkflowRow): Workflow => ({ ...row });

/** Reads of the workflow read models, always filtered by the caller's workspace. */
@Injectable()
export class WorkflowsQueries {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async list(workspaceId: string, args: { first: number; after?: string | null; includeArchived: boolean }): Promise<WorkflowConnection> {
    const first = checkPageSize(args.first);
    const cursor = decodeCursor(args.after);
    const rows = await this.platform.prisma.workflow.findMany({
      where: {
        workspaceId,
        ...(args.includeArchived ? {} : { archived: false }),
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: first + 1,
    });
    return toPage(rows.map(toWorkflow), first, (w) => ({ at: w.createdAt, id: w.id }));
  }

  async get(workspaceId: string, id: string): Promise<Workflow | null> {
    const row = await this.platform.prisma.workflow.findFirst({ where: { id, workspaceId } });
    return row ? toWorkflow(row) : null;
  }

  async versions(workspaceId: string, workflowId: string): Promise<WorkflowVersion[]> {
    const rows = await this.platform.prisma.workflowVersion.findMany({ where: { workflowId, workspaceId }, orderBy: { version: 'asc' } });
    return rows.map((r) => ({ workflowId: r.workflowId, version: r.version, graph: r.graph, publishedAt: r.publishedAt }));
  }
}
