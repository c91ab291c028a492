import { Module } from '@nestjs/common';
import { CancelRunHandler } from './cancel-run/cancel-run.handler.js';
import { RunEventsService } from './run-events/run-events.service.js';
import { RunsQueries } from './runs.queries.js';
import { RunsResolver } from './runs.resolver.js';
import { StartRunHandler } from './start-run/start-run.handler.js';

@Module({ providers: [RunsResolver, RunsQueries, RunEventsService, StartRunHandler, CancelRunHandler] })
export class RunsModule {}
