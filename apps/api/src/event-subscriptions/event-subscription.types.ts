import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../graphql/pagination.js';
import { JSONScalar } from '../graphql/scalars.js';

@ObjectType({ description: 'An external URL that receives run events of the workspace, signed with its secret.' })
export class EventSubscription {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => [String], { description: 'Which of workflow.started, node.completed and workflow.finished it receives.' })
  eventTypes!: string[];

  @Field(() => [ID], { nullable: true, description: 'Only runs of these workflows; null: every workflow.' })
  workflowIds!: string[] | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CreatedEventSubscription {
  @Field(() => EventSubscription)
  subscription!: EventSubscription;

  @Field({ description: 'Verifies the `Weft-Signature` of each delivery. Shown only this once: it is kept encrypted and cannot be read back.' })
  signingSecret!: string;
}

@InputType()
export class CreateEventSubscriptionInput {
  @Field({ description: 'Where events are POSTed: http or https, at most 2000 characters.' })
  url!: string;

  @Field(() => [String], { nullable: true, description: 'Any of workflow.started, node.completed, workflow.finished; all three when left out.' })
  eventTypes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only runs of these workflows (at most 100); every workflow when left out.' })
  workflowIds?: string[] | null;
}

export enum EventDeliveryStatus {
  pending = 'pending',
  delivered = 'delivered',
  failed = 'failed',
}
registerEnumType(EventDeliveryStatus, {
  name: 'EventDeliveryStatus',
  valuesMap: {
    pending: { description: 'Not yet answered with a 2xx: being sent, or waiting for its next attempt or for an earlier event of its run.' },
    delivered: { description: 'Answered with a 2xx.' },
    failed: { description: 'Every attempt failed, or the subscription was deleted first. It no longer holds back later events of its run.' },
  },
});

@ObjectType({ description: 'One request made for a delivery.' })
export class EventDeliveryAttempt {
  @Field(() => Int)
  attempt!: number;

  @Field()
  startedAt!: Date;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none came (refused, timed out).' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType({ description: 'One run event sent (or to send) to one subscription.' })
export class EventDelivery {
  @Field(() => ID, { description: 'Sent as `Weft-Delivery-Id`; the same for every attempt.' })
  id!: string;

  @Field(() => ID)
  subscriptionId!: string;

  @Field(() => ID)
  runId!: string;

  @Field()
  eventType!: string;

  @Field(() => Int, { description: "The event's place in its run (its `version`): a run's deliveries go out in this order." })
  sequence!: number;

  @Field(() => EventDeliveryStatus)
  status!: EventDeliveryStatus;

  @Field(() => Int, { description: 'Requests made so far.' })
  attempts!: number;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while pending.' })
  nextAttemptAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => JSONScalar, { description: 'The body posted.' })
  payload!: unknown;

  @Field(() => [EventDeliveryAttempt], { description: 'Every request made, first first.' })
  attemptLog!: EventDeliveryAttempt[];
}

@ObjectType()
export class EventDeliveryConnection {
  @Field(() => [EventDelivery])
  nodes!: EventDelivery[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ArgsType()
export class EventDeliveriesArgs {
  @Field(() => ID)
  subscriptionId!: string;

  @Field(() => EventDeliveryStatus, { nullable: true })
  status?: EventDeliveryStatus | null;
}
