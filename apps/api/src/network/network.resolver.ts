import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { networkPolicyStreamId } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { Requires } from '../auth/requires.decorator.js';
import { Caller, type RequestContext } from '../context/request-context.js';
import { PLATFORM } from '../platform/platform.module.js';
import { allowListFromState } from './network-allow-list.mapper.js';
import { NetworkAllowList } from './network-allow-list.types.js';
import { SetNetworkAllowListCommand } from './set-network-allow-list/set-network-allow-list.command.js';

@Resolver(() => NetworkAllowList)
export class NetworkResolver {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PLATFORM) private readonly platform: Platform,
  ) {}

  @Query(() => NetworkAllowList, { description: "The workspace's network allow-list." })
  async networkAllowList(@Caller() caller: RequestContext) {
    const { state } = await this.platform.aggregates.networkPolicies.load(networkPolicyStreamId(caller.workspaceId));
    return allowListFromState(state);
  }

  @Requires('admin')
  @Mutation(() => NetworkAllowList, { description: 'Replaces the workspace\'s network allow-list (at most 100 entries; [] clears it). Each entry is checked: a bad one is refused naming `entries[i]`, and nothing changes.' })
  setNetworkAllowList(@Caller() caller: RequestContext, @Args('entries', { type: () => [String] }) entries: string[]) {
    return this.commands.execute(new SetNetworkAllowListCommand(entries, caller));
  }
}
