import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
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

@InputType({ description: 'An external event: resumes the runs of your workspace waiting for its name and correlation key, and starts the workflows with an event trigger for its name.' })
export class EmitEventInput {
  @Field({ description: '1 to 200 letters, digits, or _ . : -' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Which waits it is for (an order id…); empty when omitted.' })
  correlationKey?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'What the resumed wait node outputs, and the input of the runs it starts; `{}` when omitted.' })
  payload?: unknown;

  @Field(() => String, { nullable: true, description: 'A retry with the same key records no second event (and so starts and resumes nothing twice): it answers with the first one, `repeated: true`. 1 to 200 printable characters without spaces.' })
  idempotencyKey?: string | null;
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

  @Field({ description: 'True when an earlier emit with the same idempotency key recorded this event: nothing new was recorded.' })
  repeated!: boolean;

  @Field(() => Int, { description: 'Workflows of your workspace with an event trigger of this name when it was emitted; each starts once its filter holds (started by a reactor, just after this answer).' })
  subscribers!: number;

  @Field(() => Int, { description: 'Runs of your workspace waiting for this name and correlation key when it was emitted; each resumes.' })
  waitingRuns!: number;

  @Field(() => String, { nullable: true, description: 'Set when the event reached nobody (no subscriber, no waiting run): it is recorded all the same, for waits that begin within their lookback window.' })
  warning?: string | null;
}
