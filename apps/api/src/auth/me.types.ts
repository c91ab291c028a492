import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The caller: a signed-in user or an API key, and the workspace it acts in.' })
export class Me {
  @Field({ description: 'user or apiKey' })
  kind!: string;

  @Field(() => ID, { description: 'Recorded as the actor of what the caller does.' })
  actorId!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => ID, { nullable: true, description: 'The active workspace; null until one is chosen.' })
  workspaceId!: string | null;

  @Field(() => String, { nullable: true })
  workspaceName!: string | null;

  @Field(() => String, { nullable: true, description: 'owner, admin or member' })
  role!: string | null;
}
