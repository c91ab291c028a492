import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { CreateWorkflowInput, Workflow } from '../workflow.types.js';

export class CreateWorkflowCommand extends Command<Workflow> {
  constructor(
    readonly input: CreateWorkflowInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
