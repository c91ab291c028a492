import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError, NotFoundError, workflowStreamId } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { provisionWebhooks, withNewWebhookSecrets } from '../../webhooks/provision-webhooks.js';
import { workflowFromState } from '../workflow.mapper.js';
import type { Workflow } from '../workflow.types.js';
import { runWorkflowCommand } from '../workflow-command.js';
import { SetTriggerPausedCommand, SetTriggersCommand } from './set-triggers.command.js';

@CommandHandler(SetTriggersCommand)
export class SetTriggersHandler implements ICommandHandler<SetTriggersCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ workflowId, triggers, caller }: SetTriggersCommand): Promise<Workflow> {
    // Webhooks get their secrets here (random, sealed), never from the user; the plain ones are answered once.
    const webhooks = await provisionWebhooks(this.platform, workflowId, triggers, caller.workspaceId);
    return withNewWebhookSecrets(workflowFromState(await runWorkflowCommand(this.platform, { type: 'SetTriggers', data: { workflowId, triggers: webhooks.triggers } }, caller)), webhooks.issued);
  }
}

@CommandHandler(SetTriggerPausedCommand)
export class SetTriggerPausedHandler implements ICommandHandler<SetTriggerPausedCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ workflowId, triggerId, paused, caller }: SetTriggerPausedCommand): Promise<Workflow> {
    const { state } = await this.platform.aggregates.workflows.loadInWorkspace(workflowStreamId(workflowId), caller.workspaceId);
    if (!state.exists) throw new NotFoundError('workflow', workflowId);
    const trigger = state.triggers.find((t) => t.id === triggerId);
    if (!trigger) throw new NotFoundError('trigger', triggerId);
    if (trigger.kind !== 'schedule') throw new InvalidInputError('triggerId', `"${triggerId}" is a ${trigger.kind} trigger: only schedules pause`);
    const triggers = state.triggers.map((t) => (t.id === triggerId ? { ...t, paused } : t));
    // The decider checks again on the current state: a concurrent change makes this append conflict and retry.
    return workflowFromState(await runWorkflowCommand(this.platform, { type: 'SetTriggers', data: { workflowId, triggers } }, caller));
  }
}
