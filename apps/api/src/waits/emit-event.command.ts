import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../context/request-context.js';
import type { EmitEventInput, EmittedEvent } from './waits.types.js';

/** Records an external event; the runs waiting for it resume. */
export class EmitEventCommand extends Command<EmittedEvent> {
  readonly eventId = crypto.randomUUID();

  constructor(
    readonly input: EmitEventInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
