import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../graphql/scalars.js';
import { PageInfo } from '../graphql/pagination.js';

@ObjectType({ description: 'A kind of node the workers can run: its documentation, the JSON Schema of its config (drives the editor\'s form), and its outputs.' })
export class NodeType {
  @Field({ description: 'What a workflow node names in `type`.' })
  type!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field({ description: 'logic, data, integration or flow' })
  category!: string;

  @Field(() => JSONScalar, { description: 'JSON Schema (draft 2020-12) of the config as written; `{}` when it cannot be represented (see configSchemaNote). Cross-field rules are checked on save, not shown here. A string value may be a `{{ expression }}` wherever the schema says otherwise.' })
  configSchema!: unknown;

  @Field(() => String, { nullable: true, description: 'Why configSchema is partial or empty; null when it is complete.' })
  configSchemaNote!: string | null;

  @Field(() => [String], { nullable: true, description: 'Its output handles ("out" for a single output); null when they depend on the config (see branchesNote). Every node also has an "error" handle.' })
  branches!: string[] | null;

  @Field(() => String, { nullable: true })
  branchesNote!: string | null;

  @Field({ description: 'Pure and fast: its start and result are recorded together.' })
  quick!: boolean;

  @Field({ description: 'The task queue its attempts go to.' })
  queue!: string;
}

@ObjectType({ description: 'One entry a node attempt wrote to its execution log (redacted).' })
export class NodeLogEntry {
  @Field(() => Int)
  attempt!: number;

  @Field(() => Int, { description: 'Order within the attempt, from 0.' })
  seq!: number;

  @Field()
  at!: Date;

  @Field({ description: 'info, warn or error' })
  level!: string;

  @Field()
  message!: string;

  @Field(() => JSONScalar, { nullable: true })
  data!: unknown;
}

@ObjectType()
export class NodeLogConnection {
  @Field(() => [NodeLogEntry])
  nodes!: NodeLogEntry[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
