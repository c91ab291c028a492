import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../platform/platform.module.js';
import { NodeType } from './node-type.types.js';

/** The node types this API validates graphs against (built-in and WEFT_NODE_PACKAGES): the same for every workspace. */
@Resolver(() => NodeType)
export class NodeTypesResolver {
  private described: NodeType[] | undefined;

  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  @Query(() => [NodeType], { description: 'Every kind of node, with its documentation, config schema and outputs.' })
  nodeTypes(): NodeType[] {
    const { nodes, registry } = this.platform;
    if (!nodes) return [];
    this.described ??= registry.list().map((definition) => nodes.describeNodeType(definition));
    return this.described;
  }
}
