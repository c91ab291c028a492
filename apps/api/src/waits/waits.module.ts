import { Module } from '@nestjs/common';
import { EmitEventHandler } from './emit-event.handler.js';
import { ResolveApprovalHandler } from './resolve-approval.handler.js';
import { WaitsController } from './waits.controller.js';
import { WaitsResolver } from './waits.resolver.js';

/** Approvals and external events: what resumes a suspended run. */
@Module({ controllers: [WaitsController], providers: [WaitsResolver, ResolveApprovalHandler, EmitEventHandler] })
export class WaitsModule {}
