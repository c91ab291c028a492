import { Args, ID, Mutation, Query, ResolveField, Parent, Resolver, Subscription } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Caller, type RequestContext } from '../context/request-context.js';
import { PageArgs } from '../graphql/pagination.js';
import { JSONScalar } from '../graphql/scalars.js';
import { CancelRunCommand } from './cancel-run/cancel-run.command.js';
import { RerunRunCommand } from './rerun-run/rerun-run.command.js';
import { RunChangesService } from './run-events/run-changes.service.js';
import { RunEventsService } from './run-events/run-events.service.js';
import { RunOutputs } from './run-outputs.service.js';
import { NodeRun, RerunRunInput, Run, RunConnection, RunEvent, RunFilterArgs, StartRunInput } from './run.types.js';
import { RunsQueries } from './runs.queries.js';
import { StartRunCommand } from './start-run/start-run.command.js';

@Resolver(() => Run)
export class RunsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: RunsQueries,
    private readonly events: RunEventsService,
    private readonly outputs: RunOutputs,
    private readonly changes: RunChangesService,
  ) {}

  @Query(() => RunConnection, { description: 'Runs of the caller\'s workspace, newest first.' })
  runs(@Caller() caller: RequestContext, @Args() page: PageArgs, @Args() filter: RunFilterArgs) {
    return this.queries.list(caller.workspaceId, { ...page, ...filter });
  }

  @Query(() => Run, { nullable: true })
  run(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.queries.get(caller.workspaceId, id);
  }

  @ResolveField(() => [NodeRun], { description: 'Every node of the pinned version, in graph order.' })
  nodeRuns(@Caller() caller: RequestContext, @Parent() run: Run) {
    return this.queries.nodeRuns(caller.workspaceId, run.id);
  }

  /** The run's output with large sink outputs read from the out-of-line store, only when asked for. */
  @ResolveField(() => JSONScalar, { nullable: true })
  output(@Caller() caller: RequestContext, @Parent() run: Run) {
    return this.outputs.resolve(caller.workspaceId, run.output, 1);
  }

  @Mutation(() => Run, { description: 'Starts a run of a published version with an input payload.' })
  startRun(@Caller() caller: RequestContext, @Args('input') input: StartRunInput) {
    return this.commands.execute(new StartRunCommand(input, caller));
  }

  @Mutation(() => Run, { description: 'Starts a new run of the same version and input that re-runs a finished run from a node, keeping the results upstream of it.' })
  rerunRun(@Caller() caller: RequestContext, @Args('input') input: RerunRunInput) {
    return this.commands.execute(new RerunRunCommand(input, caller));
  }

  @Mutation(() => Run)
  cancelRun(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String, nullable: true }) reason?: string) {
    return this.commands.execute(new CancelRunCommand(id, reason ?? undefined, caller));
  }

  @Subscription(() => RunEvent, { description: 'The run\'s events: its history first, then live; completes after workflow.finished.', resolve: (event: RunEvent) => event })
  async runEvents(@Caller() caller: RequestContext, @Args('runId', { type: () => ID }) runId: string) {
    await this.events.assertVisible(runId, caller); // NOT_FOUND as a GraphQL error, before the stream starts
    return this.events.stream(runId, caller);
  }

  @Subscription(() => Run, {
    description: "The workspace's runs (or one workflow's) each time one starts, is admitted, waits, resumes or finishes, as the read model then shows it. Live only: refetch `runs` on (re)connect.",
    resolve: (run: Run) => run,
  })
  runChanges(@Caller() caller: RequestContext, @Args('workflowId', { type: () => ID, nullable: true }) workflowId?: string | null) {
    return this.changes.stream(caller, workflowId ?? null);
  }
}
