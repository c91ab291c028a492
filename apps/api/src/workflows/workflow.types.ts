import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../graphql/pagination.js';
import { JSONScalar } from '../graphql/scalars.js';

@ObjectType({ description: 'An immutable snapshot of a workflow graph; runs are pinned to one.' })
export class WorkflowVersion {
  @Field(() => ID)
  workflowId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => JSONScalar, { description: '{ nodes, edges }' })
  graph!: unknown;

  @Field()
  publishedAt!: Date;
}

@ObjectType({ description: 'A workflow: an editable draft graph plus its published versions.' })
export class Workflow {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field()
  archived!: boolean;

  @Field(() => JSONScalar, { description: 'The draft graph { nodes, edges }.' })
  draft!: unknown;

  @Field(() => Int, { description: 'Send it back as expectedRevision to detect concurrent edits.' })
  draftRevision!: number;

  @Field(() => Int, { nullable: true })
  latestVersion!: number | null;

  @Field(() => JSONScalar, { description: 'Its triggers: schedules ({ id, kind: "schedule", cron, timezone, misfire, paused, input }) and moments ({ id, kind: "once", at, input }); events ({ id, kind: "event", name, filter?, workflowId? }); webhooks ({ id, kind: "webhook", signed }, their secrets never shown).' })
  triggers!: unknown;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType()
export class WorkflowConnection {
  @Field(() => [Workflow])
  nodes!: Workflow[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class CreateWorkflowInput {
  @Field()
  name!: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The initial draft graph { nodes, edges }.' })
  graph?: unknown;
}

@InputType()
export class UpdateWorkflowDraftInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => JSONScalar, { nullable: true })
  graph?: unknown;

  @Field(() => Int, { nullable: true, description: 'Refuse the update (CONFLICT) unless the draft is still at this revision.' })
  expectedRevision?: number;
}
