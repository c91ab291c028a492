import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../graphql/pagination.js';
import { JSONScalar } from '../graphql/scalars.js';

export enum RunStatus {
  /** Waiting for a run slot of its workflow (`settings.maxConcurrentRuns`). */
  queued = 'queued',
  running = 'running',
  succeeded = 'succeeded',
  failed = 'failed',
  cancelled = 'cancelled',
}
registerEnumType(RunStatus, { name: 'RunStatus', valuesMap: { queued: { description: 'Waiting for a run slot: its workflow limits concurrent runs (settings.maxConcurrentRuns); it starts in turn.' } } });

export enum NodeRunStatus {
  pending = 'pending',
  scheduled = 'scheduled',
  running = 'running',
  waiting = 'waiting',
  retrying = 'retrying',
  completed = 'completed',
  failed = 'failed',
  skipped = 'skipped',
  cancelled = 'cancelled',
}
registerEnumType(NodeRunStatus, { name: 'NodeRunStatus' });

@ObjectType({ description: 'One node of a run: its current attempt and what it produced.' })
export class NodeRun {
  /** Its run (not a field: a node run is reached through its run). */
  runId?: string;

  @Field(() => ID)
  nodeId!: string;

  @Field()
  nodeType!: string;

  @Field(() => NodeRunStatus)
  status!: NodeRunStatus;

  @Field(() => Int)
  attempt!: number;

  @Field(() => JSONScalar, { nullable: true })
  input!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  output!: unknown;

  @Field(() => String, { nullable: true, description: 'The branch a branching node took.' })
  branch!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: '{ code, message }' })
  error!: unknown;

  @Field(() => Date, { nullable: true })
  scheduledAt!: Date | null;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType({ description: 'One execution of a workflow version.' })
export class Run {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workflowId!: string;

  @Field(() => Int)
  workflowVersion!: number;

  @Field(() => RunStatus)
  status!: RunStatus;

  @Field(() => JSONScalar)
  input!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  output!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: '{ code, message, nodeId }' })
  error!: unknown;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The run this one re-runs.' })
  rerunOf?: string | null;

  @Field(() => String, { nullable: true, description: 'The node this re-run started from.' })
  rerunFromNode?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'What started it: { kind: "schedule" | "once", triggerId, fireTime }, or { kind: "api", idempotencyKey }, or { kind: "event", triggerId, name, eventId, depth? }, or { kind: "webhook", triggerId, deliveryId? }; null for a plain start.' })
  trigger?: unknown;
}

@ObjectType()
export class RunConnection {
  @Field(() => [Run])
  nodes!: Run[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ArgsType()
export class RunFilterArgs {
  @Field(() => ID, { nullable: true })
  workflowId?: string | null;

  @Field(() => RunStatus, { nullable: true })
  status?: RunStatus | null;

  @Field(() => Date, { nullable: true, description: 'Only runs started at or after this moment.' })
  startedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only runs started before this moment.' })
  startedBefore?: Date | null;
}

@InputType()
export class RerunRunInput {
  @Field(() => ID, { description: 'A finished run of your workspace.' })
  runId!: string;

  @Field({ description: 'The node to run again; what is upstream of it keeps its results.' })
  fromNodeId!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'Replaces the input of that node; its usual input when omitted.' })
  input?: unknown;
}

@InputType()
export class StartRunInput {
  @Field(() => ID)
  workflowId!: string;

  @Field(() => Int, { nullable: true, description: 'A published version; the latest when omitted.' })
  version?: number;

  @Field(() => JSONScalar, { nullable: true, description: 'The trigger payload, any JSON value; `{}` when omitted.' })
  input?: unknown;

  @Field(() => String, { nullable: true, description: 'Retrying a start with the same key returns the run the first one started instead of starting another.' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'A lifecycle event of a run, pushed once the read model shows it.' })
export class RunEvent {
  @Field(() => ID)
  runId!: string;

  @Field({ description: 'workflow.started, node.scheduled, node.started, node.completed, node.failed, node.retrying, node.skipped, run.waiting, run.resumed, run.admitted (a queued run\'s turn came) or workflow.finished; and node.log: one entry of a node\'s execution log, live as it is written (data: { seq, at, level, message, data }; its version is the last lifecycle event\'s, not a new one)' })
  type!: string;

  @Field(() => Int, { description: 'Position in the run\'s stream: strictly increasing.' })
  version!: number;

  @Field()
  at!: Date;

  @Field(() => ID, { nullable: true })
  nodeId!: string | null;

  @Field(() => Int, { nullable: true })
  attempt!: number | null;

  @Field(() => RunStatus, { nullable: true, description: 'For workflow.finished.' })
  status!: RunStatus | null;

  @Field(() => String, { nullable: true })
  branch!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The node\'s (or the run\'s) output.' })
  output!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  error!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'The event\'s data, for fields not listed here.' })
  data!: unknown;
}
