import { Module } from '@nestjs/common';
import { CancelRunHandler } from './cancel-run/cancel-run.handler.js';
import { RunEventsService } from './run-events/run-events.service.js';
import { RunsQueries } from './runs.queries.js';
import { RunsResolver } from './runs.resolver.js';
import { RunCompletion } from './start-run/run-completion.service.js';
import { StartRunController } from './start-run/start-run.controller.js';
import { StartRunHandler } from './start-run/start-run.handler.js';

@Module({ controllers: [StartRunController], providers: [RunsResolver, RunsQueries, RunEventsService, RunCompletion, StartRunHandler, CancelRunHandler] })
export class RunsModule {}
