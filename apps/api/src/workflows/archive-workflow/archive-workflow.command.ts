import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Workflow } from '../workflow.types.js';

/** Archives a workflow: no new runs, no edits; runs in flight finish. */
export class ArchiveWorkflowCommand extends Command<Workflow> {
  constructor(
    readonly workflowId: string,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
