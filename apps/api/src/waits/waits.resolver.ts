import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Caller, type RequestContext } from '../context/request-context.js';
import { Run } from '../runs/run.types.js';
import { EmitEventCommand } from './emit-event.command.js';
import { ResolveApprovalCommand } from './resolve-approval.command.js';
import { EmitEventInput, EmittedEvent, ResolveApprovalInput } from './waits.types.js';

@Resolver()
export class WaitsResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => Run, { description: 'Approves or rejects a run waiting for a decision; CONFLICT when the node is not (or no longer) waiting.' })
  resolveApproval(@Caller() caller: RequestContext, @Args('input') input: ResolveApprovalInput) {
    return this.commands.execute(new ResolveApprovalCommand(input, caller));
  }

  @Mutation(() => EmittedEvent, { description: 'Records an external event: runs of your workspace waiting for its name and correlation key resume with its payload, waits that begin within their lookback window still find it, and published workflows with an event trigger for its name start with the payload as input (when their filter holds). An event reaching nobody is recorded all the same, with `subscribers: 0, waitingRuns: 0` and a `warning`.' })
  emitEvent(@Caller() caller: RequestContext, @Args('input') input: EmitEventInput) {
    return this.commands.execute(new EmitEventCommand(input, caller));
  }
}
