import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { WorkflowVersion } from '../workflow.types.js';

/** Freezes the draft as a new immutable version (or returns the latest when the draft has not changed since). */
export class PublishWorkflowCommand extends Command<WorkflowVersion> {
  constructor(
    readonly workflowId: string,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
