import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, type RequestContext } from '../context/request-context.js';
import { JSONScalar } from '../graphql/scalars.js';
import { PageArgs } from '../graphql/pagination.js';
import { NodeLogConnection } from '../node-types/node-type.types.js';
import { NodeLogsQueries } from './node-logs.queries.js';
import { RunOutputs } from './run-outputs.service.js';
import { NodeRun } from './run.types.js';

/** A node run's input and output, read from the out-of-line store when large, in the caller's workspace. */
@Resolver(() => NodeRun)
export class NodeRunsResolver {
  constructor(
    private readonly outputs: RunOutputs,
    private readonly logs: NodeLogsQueries,
  ) {}

  /** The run input, its predecessor's output, or its predecessors' outputs by node id. */
  @ResolveField(() => JSONScalar, { nullable: true })
  input(@Caller() caller: RequestContext, @Parent() node: NodeRun) {
    return this.outputs.resolve(caller.workspaceId, node.input, 1);
  }

  @ResolveField(() => JSONScalar, { nullable: true })
  output(@Caller() caller: RequestContext, @Parent() node: NodeRun) {
    return this.outputs.resolve(caller.workspaceId, node.output, 0);
  }

  @ResolveField('logs', () => NodeLogConnection, { description: 'What the node logged through `ctx.log`, every attempt, oldest first (redacted; at most 200 entries or 64 KiB per attempt). Kept once the attempt has settled; the `runEvents` subscription streams entries live as they are written (type "node.log").' })
  nodeLogs(@Caller() caller: RequestContext, @Parent() node: NodeRun, @Args() { first, after }: PageArgs) {
    return this.logs.page(caller.workspaceId, node.runId ?? '', node.nodeId, first, after);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Size of the output\'s JSON in bytes; null without an output. Over WEFT_INLINE_OUTPUT_BYTES it is stored out of line and read only when `output` is asked for.' })
  outputBytes(@Parent() node: NodeRun) {
    return this.outputs.bytes(node.output);
  }
}
