import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../graphql/scalars.js';

@InputType({ description: 'A decision on a run waiting for approval.' })
export class ResolveApprovalInput {
  @Field(() => ID)
  runId!: string;

  @Field({ description: 'The wait node that asks for the decision.' })
  nodeId!: string;

  @Field({ description: 'true takes the "approved" branch, false the "rejected" one.' })
  approved!: boolean;

  @Field(() => String, { nullable: true, description: 'Kept in the node output; at most 2000 characters.' })
  comment?: string | null;
}

@InputType({ description: 'An external event: resumes the runs of your workspace waiting for its name and correlation key.' })
export class EmitEventInput {
  @Field({ description: '1 to 200 letters, digits, or _ . : -' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Which waits it is for (an order id…); empty when omitted.' })
  correlationKey?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'What the resumed wait node outputs; `{}` when omitted.' })
  payload?: unknown;
}

@ObjectType({ description: 'An external event as recorded.' })
export class EmittedEvent {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  correlationKey!: string;

  @Field()
  receivedAt!: Date;
}
