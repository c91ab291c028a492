import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { workflowFromState } from '../workflow.mapper.js';
import type { Workflow } from '../workflow.types.js';
import { runWorkflowCommand } from '../workflow-command.js';
import { ArchiveWorkflowCommand } from './archive-workflow.command.js';

@CommandHandler(ArchiveWorkflowCommand)
export class ArchiveWorkflowHandler implements ICommandHandler<ArchiveWorkflowCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ workflowId, caller }: ArchiveWorkflowCommand): Promise<Workflow> {
    return workflowFromState(await runWorkflowCommand(this.platform, { type: 'ArchiveWorkflow', data: { workflowId } }, caller));
  }
}
