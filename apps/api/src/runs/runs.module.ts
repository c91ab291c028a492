import { Module } from '@nestjs/common';
import { CancelRunHandler } from './cancel-run/cancel-run.handler.js';
import { NodeLogsQueries } from './node-logs.queries.js';
import { NodeRunsResolver } from './node-runs.resolver.js';
import { RunChangesService } from './run-events/run-changes.service.js';
import { RunEventsService } from './run-events/run-events.service.js';
import { RunOutputs } from './run-outputs.service.js';
import { RunsQueries } from './runs.queries.js';
import { RunsResolver } from './runs.resolver.js';
import { RunCompletion } from './start-run/run-completion.service.js';
import { StartRunController } from './start-run/start-run.controller.js';
import { RerunRunHandler } from './rerun-run/rerun-run.handler.js';
import { StartRunHandler } from './start-run/start-run.handler.js';

@Module({ controllers: [StartRunController], providers: [RunsResolver, NodeRunsResolver, NodeLogsQueries, RunOutputs, RunsQueries, RunEventsService, RunChangesService, RunCompletion, StartRunHandler, CancelRunHandler, RerunRunHandler], exports: [RunCompletion] })
export class RunsModule {}
