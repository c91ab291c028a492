import { Module } from '@nestjs/common';
import { ArchiveWorkflowHandler } from './archive-workflow/archive-workflow.handler.js';
import { CreateWorkflowHandler } from './create-workflow/create-workflow.handler.js';
import { PublishWorkflowHandler } from './publish-workflow/publish-workflow.handler.js';
import { UpdateWorkflowDraftHandler } from './update-workflow-draft/update-workflow-draft.handler.js';
import { SetTriggerPausedHandler, SetTriggersHandler } from './set-triggers/set-triggers.handler.js';
import { AuditQueries } from '../audit/audit.queries.js';
import { WorkflowsQueries } from './workflows.queries.js';
import { WorkflowsResolver } from './workflows.resolver.js';

@Module({
  providers: [WorkflowsResolver, WorkflowsQueries, AuditQueries, CreateWorkflowHandler, UpdateWorkflowDraftHandler, PublishWorkflowHandler, ArchiveWorkflowHandler, SetTriggersHandler, SetTriggerPausedHandler],
})
export class WorkflowsModule {}
