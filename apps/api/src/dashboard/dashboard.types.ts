import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Runs started in one hour (or day), by how they stand now.' })
export class RunBucket {
  @Field({ description: 'The start of the hour (or day), UTC.' })
  start!: Date;

  @Field(() => Int)
  succeeded!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Int)
  cancelled!: number;

  @Field(() => Int, { description: 'Still running, queued or waiting.' })
  active!: number;
}

@ObjectType({ description: 'How long the finished runs of one workflow took.' })
export class WorkflowDurations {
  @Field(() => ID)
  workflowId!: string;

  @Field()
  workflowName!: string;

  @Field(() => Int, { description: 'Finished runs measured.' })
  runs!: number;

  @Field(() => Float)
  p50Ms!: number;

  @Field(() => Float)
  p95Ms!: number;
}

@ObjectType({ description: 'A node whose runs ended failed, and how often.' })
export class FailureHotspot {
  @Field(() => ID)
  workflowId!: string;

  @Field()
  workflowName!: string;

  @Field()
  nodeId!: string;

  @Field()
  nodeType!: string;

  @Field(() => Int)
  failures!: number;
}

@ObjectType({ description: "The workspace's runs over a recent window, for charts." })
export class Dashboard {
  @Field({ description: 'The window starts here (the start of an hour) and runs to now.' })
  since!: Date;

  @Field(() => [RunBucket], { description: 'One bucket per hour of the window, oldest first, empty hours included.' })
  runsPerHour!: RunBucket[];

  @Field(() => [WorkflowDurations], { description: 'The 20 workflows with the slowest p95, slowest first.' })
  durations!: WorkflowDurations[];

  @Field(() => [FailureHotspot], { description: 'The 10 nodes that failed most often, most first.' })
  failureHotspots!: FailureHotspot[];
}

@ArgsType()
export class DashboardArgs {
  @Field(() => Int, { defaultValue: 24, description: 'The window in hours, 1 to 168.' })
  hours!: number;
}

@ObjectType({ description: 'A workflow\'s recent runs in numbers, e.g. for a sparkline in a list.' })
export class WorkflowRunStats {
  @Field(() => Int)
  runs!: number;

  @Field(() => Int)
  succeeded!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Int)
  cancelled!: number;

  @Field(() => Float, { nullable: true, description: 'succeeded / (succeeded + failed + cancelled); null when none finished.' })
  successRate!: number | null;

  @Field(() => [RunBucket], { description: 'One bucket per day of the window, oldest first, empty days included.' })
  days!: RunBucket[];
}
