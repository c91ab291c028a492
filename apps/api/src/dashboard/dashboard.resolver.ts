import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, type RequestContext } from '../context/request-context.js';
import { Run } from '../runs/run.types.js';
import { Workflow } from '../workflows/workflow.types.js';
import { Dashboard, DashboardArgs, WorkflowRunStats } from './dashboard.types.js';
import { DashboardQueries } from './dashboard.queries.js';

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(private readonly queries: DashboardQueries) {}

  @Query(() => Dashboard, { description: "Charts of the workspace's recent runs: per hour by outcome, durations per workflow, failing nodes." })
  dashboard(@Caller() caller: RequestContext, @Args() args: DashboardArgs) {
    return this.queries.dashboard(caller.workspaceId, args.hours);
  }
}

/** What a list of workflows shows beside each: its last run and recent success. */
@Resolver(() => Workflow)
export class WorkflowActivityResolver {
  constructor(private readonly queries: DashboardQueries) {}

  @ResolveField(() => Run, { nullable: true, description: 'Its most recently started run; null if it never ran.' })
  lastRun(@Caller() caller: RequestContext, @Parent() workflow: Workflow) {
    return this.queries.lastRun(caller.workspaceId, workflow.id);
  }

  @ResolveField(() => WorkflowRunStats, { description: 'Its runs of the last `days` days (1 to 90), by outcome and by day.' })
  runStats(@Caller() caller: RequestContext, @Parent() workflow: Workflow, @Args('days', { type: () => Int, defaultValue: 14 }) days: number) {
    return this.queries.workflowStats(caller.workspaceId, workflow.id, days);
  }
}
