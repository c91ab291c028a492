import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Platform } from '@weft/engine';
import { AppModule } from './app.module.js';

/** Builds the Nest application on a Platform; the caller listens and closes. */
export async function createApi(platform: Platform): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(platform), { logger: ['error', 'warn'], bodyParser: false });
  // Room for the largest allowed JSON argument plus the query around it; larger bodies get 413.
  app.useBodyParser('json', { limit: platform.config.maxPayloadBytes * 2 + 64 * 1024 });
  return app;
}
