import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { AuditQueries } from '../audit/audit.queries.js';
import { AuditConnection } from '../audit/audit.types.js';
import { Requires } from '../auth/requires.decorator.js';
import { Caller, type RequestContext } from '../context/request-context.js';
import { PageArgs } from '../graphql/pagination.js';
import { ArchiveWorkflowCommand } from './archive-workflow/archive-workflow.command.js';
import { CreateWorkflowCommand } from './create-workflow/create-workflow.command.js';
import { PublishWorkflowCommand } from './publish-workflow/publish-workflow.command.js';
import { UpdateWorkflowDraftCommand } from './update-workflow-draft/update-workflow-draft.command.js';
import { WorkflowVersionDiff } from './diff-versions/version-diff.types.js';
import { CreateWorkflowInput, UpdateWorkflowDraftInput, Workflow, WorkflowConnection, WorkflowVersion } from './workflow.types.js';
import { WorkflowsQueries } from './workflows.queries.js';
import { previewCron } from './set-triggers/preview-cron.js';
import { SetTriggerPausedCommand, SetTriggersCommand } from './set-triggers/set-triggers.command.js';
import { JSONScalar } from '../graphql/scalars.js';

@Resolver(() => Workflow)
export class WorkflowsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: WorkflowsQueries,
    private readonly audits: AuditQueries,
  ) {}

  @Query(() => WorkflowConnection, { description: 'Workflows of the caller\'s workspace, newest first.' })
  workflows(@Caller() caller: RequestContext, @Args() page: PageArgs, @Args('includeArchived', { type: () => Boolean, defaultValue: false }) includeArchived: boolean) {
    return this.queries.list(caller.workspaceId, { ...page, includeArchived });
  }

  @Query(() => Workflow, { nullable: true })
  workflow(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.queries.get(caller.workspaceId, id);
  }

  @Query(() => WorkflowVersion, { nullable: true, description: 'One published version with its graph; null when it is not in the caller\'s workspace.' })
  workflowVersion(@Caller() caller: RequestContext, @Args('workflowId', { type: () => ID }) workflowId: string, @Args('version', { type: () => Int }) version: number) {
    return this.queries.version(caller.workspaceId, workflowId, version);
  }

  @Query(() => WorkflowVersionDiff, { description: 'What changed in the graph from version `from` to version `to`.' })
  workflowVersionDiff(
    @Caller() caller: RequestContext,
    @Args('workflowId', { type: () => ID }) workflowId: string,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int }) to: number,
  ) {
    return this.queries.diff(caller.workspaceId, workflowId, from, to);
  }

  @ResolveField(() => AuditConnection, { description: 'Who created, edited, published, ran and cancelled it, newest first.' })
  audit(@Caller() caller: RequestContext, @Parent() workflow: Workflow, @Args() page: PageArgs) {
    return this.audits.forWorkflow(caller.workspaceId, workflow.id, page);
  }

  @ResolveField(() => [WorkflowVersion])
  versions(@Caller() caller: RequestContext, @Parent() workflow: Workflow) {
    return this.queries.versions(caller.workspaceId, workflow.id);
  }

  @Requires('admin')
  @Mutation(() => Workflow)
  createWorkflow(@Caller() caller: RequestContext, @Args('input') input: CreateWorkflowInput) {
    return this.commands.execute(new CreateWorkflowCommand(input, caller));
  }

  @Requires('admin')
  @Mutation(() => Workflow, { description: 'Changes the draft; runs in flight and published versions are untouched.' })
  updateWorkflowDraft(@Caller() caller: RequestContext, @Args('input') input: UpdateWorkflowDraftInput) {
    return this.commands.execute(new UpdateWorkflowDraftCommand(input, caller));
  }

  @Requires('admin')
  @Mutation(() => WorkflowVersion, { description: 'Validates the draft fully and freezes it as a new version.' })
  publishWorkflow(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.commands.execute(new PublishWorkflowCommand(id, caller));
  }

  @Requires('admin')
  @Mutation(() => Workflow, { description: 'Replaces the workflow\'s triggers: schedules, moments and webhooks that start its latest published version. A new webhook\'s URL and signing secret are in `newWebhookSecrets` of this answer, once.' })
  setWorkflowTriggers(@Caller() caller: RequestContext, @Args('workflowId', { type: () => ID }) workflowId: string, @Args('triggers', { type: () => JSONScalar }) triggers: unknown) {
    return this.commands.execute(new SetTriggersCommand(workflowId, triggers, caller));
  }

  @Requires('admin')
  @Mutation(() => Workflow, { description: 'Pauses or resumes a schedule; occurrences missed while paused never fire.' })
  setTriggerPaused(
    @Caller() caller: RequestContext,
    @Args('workflowId', { type: () => ID }) workflowId: string,
    @Args('triggerId') triggerId: string,
    @Args('paused') paused: boolean,
  ) {
    return this.commands.execute(new SetTriggerPausedCommand(workflowId, triggerId, paused, caller));
  }

  @Query(() => [Date], { description: 'The next fire times of a cron expression (seconds optional) in a time zone, to preview a schedule.' })
  cronPreview(
    @Args('expression') expression: string,
    @Args('timezone', { defaultValue: 'UTC' }) timezone: string,
    @Args('count', { type: () => Int, defaultValue: 5 }) count: number,
  ) {
    return previewCron(expression, timezone, count);
  }

  @Requires('admin')
  @Mutation(() => Workflow)
  archiveWorkflow(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.commands.execute(new ArchiveWorkflowCommand(id, caller));
  }
}
