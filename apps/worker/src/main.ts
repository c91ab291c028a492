import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createPlatform, loadConfig } from '@weft/engine';
import { WorkerModule } from './worker.module.js';

/**
 * The background process: worker, relay, projector and scheduler roles, as
 * selected by WEFT_ROLES (all of them by default). Several instances share
 * the work: workers as consumer-group members, relay and projectors as
 * competing consumers behind a lease, schedulers over SKIP LOCKED rows.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const roles = config.roles.filter((r) => r !== 'api');
  const platform = await createPlatform(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(platform, roles), { logger: ['error', 'warn'] });
  await app.init();
  platform.logger.info('worker process started', { roles, pid: process.pid });
  const shutdown = async (signal: string) => {
    platform.logger.info('shutting down', { signal });
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`weft worker: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
