import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActiveRunState } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { runFromState } from '../run.mapper.js';
import type { Run } from '../run.types.js';
import { CancelRunCommand } from './cancel-run.command.js';

@CommandHandler(CancelRunCommand)
export class CancelRunHandler implements ICommandHandler<CancelRunCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ runId, reason, caller }: CancelRunCommand): Promise<Run> {
    const result = await this.platform.aggregates.runs.handle({
      type: 'CancelRun',
      data: { runId, reason },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return runFromState(result.state as ActiveRunState);
  }
}
