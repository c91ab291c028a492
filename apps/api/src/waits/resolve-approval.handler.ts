import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError, type ActiveRunState } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../platform/platform.module.js';
import { runFromState } from '../runs/run.mapper.js';
import type { Run } from '../runs/run.types.js';
import { ResolveApprovalCommand } from './resolve-approval.command.js';

const MAX_COMMENT = 2000;

@CommandHandler(ResolveApprovalCommand)
export class ResolveApprovalHandler implements ICommandHandler<ResolveApprovalCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller }: ResolveApprovalCommand): Promise<Run> {
    if (typeof input.approved !== 'boolean') throw new InvalidInputError('approved', 'must be true or false');
    if (input.comment && input.comment.length > MAX_COMMENT) throw new InvalidInputError('comment', `at most ${MAX_COMMENT} characters`);
    const result = await this.platform.aggregates.runs.handle({
      type: 'ResolveWait',
      data: { runId: input.runId, nodeId: input.nodeId, resolution: { kind: 'approval', approved: input.approved, by: caller.actorId, ...(input.comment ? { comment: input.comment } : {}) } },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return runFromState(result.state as ActiveRunState);
  }
}
