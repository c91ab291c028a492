import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Json } from '@weft/domain';
import { emitSignal, type Platform } from '@weft/engine';
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
    return { id: recorded.signalId, name: recorded.name, correlationKey: recorded.correlationKey, receivedAt: new Date(recorded.receivedAt) };
  }
}
