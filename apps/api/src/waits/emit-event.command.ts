import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../context/request-context.js';
import { idempotentEventId } from './idempotent-event-id.js';
import type { EmitEventInput, EmittedEvent } from './waits.types.js';

/** Records an external event; the runs waiting for it resume and the workflows subscribed to it start. */
export class EmitEventCommand extends Command<EmittedEvent> {
  /** Derived from an idempotency key: a retried emit names the event the first one recorded. */
  readonly eventId: string;

  constructor(
    readonly input: EmitEventInput,
    readonly caller: RequestContext,
  ) {
    super();
    this.eventId = input.idempotencyKey ? idempotentEventId(caller.workspaceId, input.idempotencyKey) : crypto.randomUUID();
  }
}
