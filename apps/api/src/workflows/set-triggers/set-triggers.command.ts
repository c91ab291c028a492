import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Workflow } from '../workflow.types.js';

/** Replaces a workflow's triggers (schedules, moments) as a whole; `[]` removes them. */
export class SetTriggersCommand extends Command<Workflow> {
  constructor(
    readonly workflowId: string,
    readonly triggers: unknown,
    readonly caller: RequestContext,
  ) {
    super();
  }
}

/** Pauses or resumes one schedule; what it misses while paused never fires. */
export class SetTriggerPausedCommand extends Command<Workflow> {
  constructor(
    readonly workflowId: string,
    readonly triggerId: string,
    readonly paused: boolean,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
