import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'A node added to or removed from a graph.' })
export class DiffNode {
  @Field(() => ID)
  id!: string;

  @Field()
  type!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => JSONScalar, { description: 'The whole node, as in the graph.' })
  node!: unknown;
}

@ObjectType({ description: 'A node in both graphs whose fields differ.' })
export class ChangedNode {
  @Field(() => ID)
  id!: string;

  @Field(() => [String], { description: 'Of type, name, config, position, retry, timeoutMs, in that order.' })
  fields!: string[];

  @Field(() => JSONScalar, { description: 'The whole node in `from`.' })
  before!: unknown;

  @Field(() => JSONScalar, { description: 'The whole node in `to`.' })
  after!: unknown;
}

@ObjectType({ description: 'An edge of a graph.' })
export class DiffEdge {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  source!: string;

  @Field(() => ID)
  target!: string;

  @Field(() => String, { nullable: true, description: 'The branch it leaves from; null for the default output.' })
  sourceHandle!: string | null;
}

@ObjectType({ description: 'An edge in both graphs whose ends or branch differ.' })
export class ChangedEdge {
  @Field(() => ID)
  id!: string;

  @Field(() => [String], { description: 'Of source, target, sourceHandle, in that order.' })
  fields!: string[];

  @Field(() => DiffEdge)
  before!: DiffEdge;

  @Field(() => DiffEdge)
  after!: DiffEdge;
}

@ObjectType()
export class NodesDiff {
  @Field(() => [DiffNode])
  added!: DiffNode[];

  @Field(() => [DiffNode])
  removed!: DiffNode[];

  @Field(() => [ChangedNode])
  changed!: ChangedNode[];
}

@ObjectType()
export class EdgesDiff {
  @Field(() => [DiffEdge])
  added!: DiffEdge[];

  @Field(() => [DiffEdge])
  removed!: DiffEdge[];

  @Field(() => [ChangedEdge])
  changed!: ChangedEdge[];
}

@ObjectType({ description: 'What changed from one published version to another; every list is ordered by id.' })
export class WorkflowVersionDiff {
  @Field(() => ID)
  workflowId!: string;

  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => NodesDiff)
  nodes!: NodesDiff;

  @Field(() => EdgesDiff)
  edges!: EdgesDiff;

  @Field({ description: 'Whether the workflow settings (run time limit, concurrency) differ.' })
  settingsChanged!: boolean;
}
