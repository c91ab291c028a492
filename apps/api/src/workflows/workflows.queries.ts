import { Inject, Injectable } from '@nestjs/common';
import { diffGraphs, InvalidInputError, NotFoundError, publicTriggers, type WorkflowGraph } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { checkPageSize, decodeCursor, toPage } from '../graphql/pagination.js';
import { PLATFORM } from '../platform/platform.module.js';
import { versionDiffFrom } from './diff-versions/version-diff.mapper.js';
import type { WorkflowVersionDiff } from './diff-versions/version-diff.types.js';
import type { Workflow, WorkflowConnection, WorkflowVersion } from './workflow.types.js';

type WorkflowRow = { id: string; name: string; description: string; archived: boolean; draft: unknown; draftRevision: number; latestVersion: number | null; triggers: unknown; createdAt: Date; updatedAt: Date };

type VersionRow = { workflowId: string; version: number; graph: unknown; publishedAt: Date };

const toWorkflow = (row: WorkflowRow): Workflow => ({ ...row, triggers: publicTriggers(row.triggers) });

const toVersion = (r: VersionRow): WorkflowVersion => ({ workflowId: r.workflowId, version: r.version, graph: r.graph, publishedAt: r.publishedAt });

function checkVersionNumber(field: string, version: number): number {
  if (!Number.isInteger(version) || version < 1) throw new InvalidInputError(field, 'versions are numbered from 1');
  return version;
}

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
    return rows.map(toVersion);
  }

  async version(workspaceId: string, workflowId: string, version: number): Promise<WorkflowVersion | null> {
    const row = await this.platform.prisma.workflowVersion.findFirst({ where: { workflowId, workspaceId, version: checkVersionNumber('version', version) } });
    return row ? toVersion(row) : null;
  }

  /** NOT_FOUND naming the workflow or the version when either is not in the workspace. */
  async diff(workspaceId: string, workflowId: string, from: number, to: number): Promise<WorkflowVersionDiff> {
    const wanted = [checkVersionNumber('from', from), checkVersionNumber('to', to)];
    const workflow = await this.platform.prisma.workflow.findFirst({ where: { id: workflowId, workspaceId }, select: { id: true } });
    if (!workflow) throw new NotFoundError('workflow', workflowId);
    const rows = await this.platform.prisma.workflowVersion.findMany({ where: { workflowId, workspaceId, version: { in: wanted } } });
    const graphOf = (version: number): WorkflowGraph => {
      const row = rows.find((r) => r.version === version);
      if (!row) throw new NotFoundError('version', `${workflowId}@${version}`);
      return row.graph as WorkflowGraph; // validated when it was published
    };
    return versionDiffFrom(workflowId, from, to, diffGraphs(graphOf(from), graphOf(to)));
  }
}
