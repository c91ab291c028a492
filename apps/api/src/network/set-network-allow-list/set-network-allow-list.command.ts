import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { NetworkAllowList } from '../network-allow-list.types.js';

/** Replaces the workspace's network allow-list; node attempts that start afterwards follow it. */
export class SetNetworkAllowListCommand extends Command<NetworkAllowList> {
  constructor(
    readonly entries: string[],
    readonly caller: RequestContext,
  ) {
    super();
  }
}
