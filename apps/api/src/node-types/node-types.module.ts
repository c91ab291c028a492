import { Module } from '@nestjs/common';
import { NodeTypesResolver } from './node-types.resolver.js';

@Module({ providers: [NodeTypesResolver] })
export class NodeTypesModule {}
