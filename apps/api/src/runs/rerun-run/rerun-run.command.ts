import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { RerunRunInput, Run } from '../run.types.js';

/** Starts a new run that re-runs a finished one from a node, keeping what came before it. */
export class RerunRunCommand extends Command<Run> {
  readonly runId = crypto.randomUUID();

  constructor(
    readonly input: RerunRunInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
