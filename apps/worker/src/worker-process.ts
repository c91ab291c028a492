import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createPlatform, startHealthServer, type RunningProcess, type WeftConfig } from '@weft/engine';
import { WorkerModule } from './worker.module.js';

/**
 * The background program: the worker, relay, projector and scheduler roles listed in
 * `config.roles` (`api` is ignored). Several instances share the work: workers as
 * consumer-group members, relay and projectors as competing consumers behind a lease,
 * schedulers over SKIP LOCKED rows. Used by `main.ts` and by `weft start`.
 */
export async function startWorkerProcess(config: WeftConfig): Promise<RunningProcess> {
  const roles = config.roles.filter((r) => r !== 'api');
  // Relay and projector only move events: they need no node plugins (schemas, expressions, fetch).
  const platform = await createPlatform(config, { nodes: roles.some((r) => r === 'worker' || r === 'scheduler') });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(platform, roles), { logger: ['error', 'warn'] });
  await app.init();
  const health = config.health.port === undefined ? undefined : await startHealthServer(platform, config.health.port, platform.logger);
  platform.logger.info('worker process started', { roles, ...(health ? { healthPort: health.port } : {}) });
  return {
    logger: platform.logger,
    async stop() {
      platform.health.drain();
      await app.close();
      await health?.close();
      await platform.close();
    },
  };
}
