import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../context/request-context.js';
import type { Run } from '../runs/run.types.js';
import type { ResolveApprovalInput } from './waits.types.js';

/** Approves or rejects a run waiting for a decision: the wait node takes that branch. */
export class ResolveApprovalCommand extends Command<Run> {
  constructor(
    readonly input: ResolveApprovalInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
