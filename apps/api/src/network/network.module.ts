import { Module } from '@nestjs/common';
import { NetworkResolver } from './network.resolver.js';
import { SetNetworkAllowListHandler } from './set-network-allow-list/set-network-allow-list.handler.js';

/** The workspace's network allow-list: which private hosts its nodes may reach. */
@Module({ providers: [NetworkResolver, SetNetworkAllowListHandler] })
export class NetworkModule {}
