import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { UpdateWorkflowDraftInput, Workflow } from '../workflow.types.js';

export class UpdateWorkflowDraftCommand extends Command<Workflow> {
  constructor(
    readonly input: UpdateWorkflowDraftInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
