import { Module } from '@nestjs/common';
import { DashboardQueries } from './dashboard.queries.js';
import { DashboardResolver, WorkflowActivityResolver } from './dashboard.resolver.js';

/** Numbers over the runs read model: the dashboard's charts and each workflow's recent activity. */
@Module({ providers: [DashboardQueries, DashboardResolver, WorkflowActivityResolver] })
export class DashboardModule {}
