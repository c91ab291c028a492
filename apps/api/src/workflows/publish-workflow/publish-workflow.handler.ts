import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { versionFromState } from '../workflow.mapper.js';
import type { WorkflowVersion } from '../workflow.types.js';
import { runWorkflowCommand } from '../workflow-command.js';
import { PublishWorkflowCommand } from './publish-workflow.command.js';

@CommandHandler(PublishWorkflowCommand)
export class PublishWorkflowHandler implements ICommandHandler<PublishWorkflowCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ workflowId, caller }: PublishWorkflowCommand): Promise<WorkflowVersion> {
    const state = await runWorkflowCommand(this.platform, { type: 'PublishWorkflow', data: { workflowId } }, caller);
    return versionFromState(state, state.versions.length);
  }
}
