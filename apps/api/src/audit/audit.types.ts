import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../graphql/pagination.js';
import { JSONScalar } from '../graphql/scalars.js';

@ObjectType({ description: 'Who did something: a user, an API key, or Weft itself.' })
export class Actor {
  @Field(() => ID, { nullable: true, description: 'A user id, `apikey:<id>`, or null for Weft itself.' })
  id!: string | null;

  @Field({ description: 'user, apiKey or system' })
  kind!: string;

  @Field(() => String, { nullable: true, description: "The user's email or the key's name, when they still exist." })
  name!: string | null;
}

@ObjectType({ description: 'One entry of a workflow\'s audit trail, from the events\' metadata.' })
export class AuditEntry {
  @Field()
  at!: Date;

  @Field({ description: 'workflow.created, workflow.draft_updated, workflow.version_published, workflow.archived, run.started or run.cancelled' })
  action!: string;

  @Field(() => Actor)
  actor!: Actor;

  @Field(() => ID, { nullable: true })
  runId!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: '{ version } for a publish or a start, { revision } for an edit, { reason } for a cancel.' })
  detail!: unknown;
}

@ObjectType()
export class AuditConnection {
  @Field(() => [AuditEntry])
  nodes!: AuditEntry[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
