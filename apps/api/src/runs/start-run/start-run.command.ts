import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Run, StartRunInput } from '../run.types.js';

export class StartRunCommand extends Command<Run> {
  constructor(
    readonly input: StartRunInput,
    readonly caller: RequestContext,
    /** Chosen by the caller when it must watch the run before it starts (synchronous trigger). */
    readonly runId: string = crypto.randomUUID(),
  ) {
    super();
  }
}
