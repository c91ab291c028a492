import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Platform } from '@weft/engine';
import { checkPayloadSize } from '../../errors/payload-limits.js';
import { PLATFORM } from '../../platform/platform.module.js';
import { workflowFromState } from '../workflow.mapper.js';
import type { Workflow } from '../workflow.types.js';
import { runWorkflowCommand } from '../workflow-command.js';
import { CreateWorkflowCommand } from './create-workflow.command.js';

@CommandHandler(CreateWorkflowCommand)
export class CreateWorkflowHandler implements ICommandHandler<CreateWorkflowCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller }: CreateWorkflowCommand): Promise<Workflow> {
    if (input.graph !== undefined) checkPayloadSize('graph', input.graph, this.platform.config.maxPayloadBytes);
    const state = await runWorkflowCommand(
      this.platform,
      { type: 'CreateWorkflow', data: { workflowId: crypto.randomUUID(), name: input.name, description: input.description ?? undefined, graph: input.graph ?? undefined } },
      caller,
    );
    return workflowFromState(state);
  }
}
