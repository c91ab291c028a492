import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActiveRunState, Json } from '@weft/domain';
import { startRun, startRunOnce, type Platform } from '@weft/engine';
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
    const request = { runId, workflowId: input.workflowId, version: input.version ?? undefined, input: payload };
    const metadata = { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId };
    // With an idempotency key, a repeated start answers with the run the first one started.
    const result = input.idempotencyKey
      ? await startRunOnce(this.platform.aggregates, { ...request, trigger: { kind: 'api', idempotencyKey: input.idempotencyKey } }, metadata)
      : await startRun(this.platform.aggregates, request, metadata);
    return runFromState(result.state as ActiveRunState);
  }
}
