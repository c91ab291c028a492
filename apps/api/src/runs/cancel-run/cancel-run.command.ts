import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Run } from '../run.types.js';

/** Ends a running run as cancelled: pending nodes never start, late results are refused. */
export class CancelRunCommand extends Command<Run> {
  constructor(
    readonly runId: string,
    readonly reason: string | undefined,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
