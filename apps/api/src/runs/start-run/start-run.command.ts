import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Run, StartRunInput } from '../run.types.js';
import { idempotentRunId } from './idempotent-run-id.js';

export class StartRunCommand extends Command<Run> {
  constructor(
    readonly input: StartRunInput,
    readonly caller: RequestContext,
    /** Chosen by the caller when it must watch the run before it starts (synchronous trigger); derived from an idempotency key. */
    readonly runId: string = input.idempotencyKey ? idempotentRunId(caller.workspaceId, input.workflowId, input.idempotencyKey) : crypto.randomUUID(),
  ) {
    super();
  }
}
