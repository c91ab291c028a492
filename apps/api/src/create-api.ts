import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { handleHealthRequest, healthSource, isHealthRequest, type Platform } from '@weft/engine';
import { AppModule } from './app.module.js';
import { createAccess } from './auth/access.js';
import { mountAuth } from './auth/mount-auth.js';
import { requestBodyLimit } from './graphql/hardening/body-limit.js';
import { WEBHOOK_PATH, webhookBody } from './webhooks/webhook-body.js';

/** Builds the Nest application on a Platform; the caller listens and closes. */
export async function createApi(platform: Platform): Promise<NestExpressApplication> {
  const access = createAccess(platform);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(platform, access), { logger: ['error', 'warn'], bodyParser: false });
  // Probes and metrics answer before authentication: an orchestrator has no session.
  const health = healthSource(platform);
  app.use((request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => {
    if (!isHealthRequest(request)) return next();
    handleHealthRequest(health, request, response).then((handled) => handled || next(), next);
  });
  mountAuth(app, access); // before the body parser: better-auth reads the raw body
  app.use(WEBHOOK_PATH, webhookBody(platform.config.webhooks.maxBodyBytes)); // raw: the signature covers the exact bytes
  // Room for the largest allowed JSON argument plus the query around it; larger bodies get 413.
  app.useBodyParser('json', { limit: requestBodyLimit(platform.config) });
  return app;
}
