import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Json } from '@weft/domain';
import { emitSignal, eventAudience, type Platform } from '@weft/engine';
import { checkPayloadSize } from '../errors/payload-limits.js';
import { PLATFORM } from '../platform/platform.module.js';
import { EmitEventCommand } from './emit-event.command.js';
import type { EmittedEvent } from './waits.types.js';

@CommandHandler(EmitEventCommand)
export class EmitEventHandler implements ICommandHandler<EmitEventCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller, eventId }: EmitEventCommand): Promise<EmittedEvent> {
    const payload = (input.payload ?? {}) as Json;
    checkPayloadSize('payload', payload, this.platform.config.maxPayloadBytes);
    const now = new Date().toISOString();
    const recorded = await emitSignal(
      this.platform.store,
      { signalId: eventId, name: input.name, payload, ...(input.correlationKey ? { correlationKey: input.correlationKey } : {}) },
      { commandId: `event:${eventId}`, now, workspaceId: caller.workspaceId, actorId: caller.actorId },
    );
    const { subscribers, waitingRuns } = await eventAudience(this.platform.pool, caller.workspaceId, recorded.name, recorded.correlationKey);
    return {
      id: recorded.signalId,
      name: recorded.name,
      correlationKey: recorded.correlationKey,
      receivedAt: new Date(recorded.receivedAt),
      repeated: recorded.repeated,
      subscribers,
      waitingRuns,
      warning: subscribers || waitingRuns ? null : noAudience(recorded.name),
    };
  }
}

/** Recorded all the same: a wait that begins within its lookback window may still take it. */
const noAudience = (name: string): string =>
  `no workflow subscribes to "${name.slice(0, 200)}" and no run waits for it: recorded, nothing started (a wait that begins within its lookback window still finds it)`;
