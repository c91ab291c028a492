import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { allowListFromState } from '../network-allow-list.mapper.js';
import type { NetworkAllowList } from '../network-allow-list.types.js';
import { SetNetworkAllowListCommand } from './set-network-allow-list.command.js';

@CommandHandler(SetNetworkAllowListCommand)
export class SetNetworkAllowListHandler implements ICommandHandler<SetNetworkAllowListCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ entries, caller }: SetNetworkAllowListCommand): Promise<NetworkAllowList> {
    const result = await this.platform.aggregates.networkPolicies.handle({
      type: 'SetNetworkAllowList',
      data: { workspaceId: caller.workspaceId, entries },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return allowListFromState(result.state);
  }
}
