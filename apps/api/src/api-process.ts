import 'reflect-metadata';
import { createPlatform, startHealthServer, startRoles, stopRoles, type RunningProcess, type WeftConfig } from '@weft/engine';
import { createApi } from './create-api.js';

/**
 * The API program: serves GraphQL (HTTP and graphql-ws) on `config.port`, and runs every
 * background role also listed in `config.roles` (all of them: one-process development mode).
 * Used by `main.ts` and by `weft start`.
 */
export async function startApiProcess(config: WeftConfig): Promise<RunningProcess> {
  const platform = await createPlatform(config, { readModels: true });
  const app = await createApi(platform);
  const roles = startRoles(platform, config.roles);
  await app.listen(config.port, '0.0.0.0');
  // /healthz, /readyz and /metrics are on PORT too; WEFT_HEALTH_PORT adds a listener that is never exposed publicly.
  const health = config.health.port === undefined ? undefined : await startHealthServer(platform, config.health.port, platform.logger);
  platform.logger.info('api listening', { url: `http://localhost:${config.port}/graphql`, roles: config.roles });
  return {
    logger: platform.logger,
    async stop() {
      platform.health.drain();
      await stopRoles(roles);
      await health?.close();
      await app.close();
      await platform.close();
    },
  };
}
