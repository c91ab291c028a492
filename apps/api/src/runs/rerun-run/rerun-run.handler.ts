import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActiveRunState, Json } from '@weft/domain';
import { rerunRun, type Platform } from '@weft/engine';
import { checkPayloadSize } from '../../errors/payload-limits.js';
import { PLATFORM } from '../../platform/platform.module.js';
import { runFromState } from '../run.mapper.js';
import type { Run } from '../run.types.js';
import { RerunRunCommand } from './rerun-run.command.js';

@CommandHandler(RerunRunCommand)
export class RerunRunHandler implements ICommandHandler<RerunRunCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller, runId }: RerunRunCommand): Promise<Run> {
    const edited = input.input === undefined || input.input === null ? undefined : (input.input as Json);
    if (edited !== undefined) checkPayloadSize('input', edited, this.platform.config.maxPayloadBytes);
    const result = await rerunRun(
      this.platform.aggregates,
      { runId, fromRunId: input.runId, fromNodeId: input.fromNodeId, ...(edited === undefined ? {} : { input: edited }) },
      { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    );
    return runFromState(result.state as ActiveRunState);
  }
}
