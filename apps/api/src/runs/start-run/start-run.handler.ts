import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActiveRunState, Json } from '@weft/domain';
import { startRun, type Platform } from '@weft/engine';
import { checkPayloadSize } from '../../errors/payload-limits.js';
import { PLATFORM } from '../../platform/platform.module.js';
import { runFromState } from '../run.mapper.js';
import type { Run } from '../run.types.js';
import { StartRunCommand } from './start-run.command.js';

@CommandHandler(StartRunCommand)
export class StartRunHandler implements ICommandHandler<StartRunCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller, runId }: StartRunCommand): Promise<Run> {
    const payload = (input.input ?? {}) as Json;
    checkPayloadSize('input', payload, this.platform.config.maxPayloadBytes);
    const result = await startRun(
      this.platform.aggregates,
      { runId, workflowId: input.workflowId, version: input.version ?? undefined, input: payload },
      { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    );
    return runFromState(result.state as ActiveRunState);
  }
}
