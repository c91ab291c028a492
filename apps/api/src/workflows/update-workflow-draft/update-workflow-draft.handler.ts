import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Platform } from '@weft/engine';
import { checkPayloadSize } from '../../errors/payload-limits.js';
import { PLATFORM } from '../../platform/platform.module.js';
import { workflowFromState } from '../workflow.mapper.js';
import type { Workflow } from '../workflow.types.js';
import { runWorkflowCommand } from '../workflow-command.js';
import { UpdateWorkflowDraftCommand } from './update-workflow-draft.command.js';

@CommandHandler(UpdateWorkflowDraftCommand)
export class UpdateWorkflowDraftHandler implements ICommandHandler<UpdateWorkflowDraftCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller }: UpdateWorkflowDraftCommand): Promise<Workflow> {
    if (input.graph !== undefined) checkPayloadSize('graph', input.graph, this.platform.config.maxPayloadBytes);
    const { id, name, description, graph, expectedRevision } = input;
    const state = await runWorkflowCommand(
      this.platform,
      { type: 'UpdateWorkflowDraft', data: { workflowId: id, name: name ?? undefined, description: description ?? undefined, graph: graph ?? undefined, expectedRevision: expectedRevision ?? undefined } },
      caller,
    );
    return workflowFromState(state);
  }
}
