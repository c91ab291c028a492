import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Run, StartRunInput } from '../run.types.js';

export class StartRunCommand extends Command<Run> {
  constructor(
    readonly input: StartRunInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
