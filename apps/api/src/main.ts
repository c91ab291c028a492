import 'reflect-metadata';
import { createPlatform, loadConfig, runMain, startHealthServer, startRoles, stopOnSignals, stopRoles } from '@weft/engine';
import { createApi } from './create-api.js';

/** The API process. With WEFT_ROLES including background roles it also runs them (one-process development mode). */
runMain('api', async () => {
  const config = loadConfig(process.env);
  const platform = await createPlatform(config, { readModels: true });
  const app = await createApi(platform);
  const roles = startRoles(platform, config.roles);
  await app.listen(config.port, '0.0.0.0');
  // /healthz, /readyz and /metrics are on PORT too; WEFT_HEALTH_PORT adds a listener that is never exposed publicly.
  const health = config.health.port === undefined ? undefined : await startHealthServer(platform, config.health.port, platform.logger);
  platform.logger.info('api listening', { url: `http://localhost:${config.port}/graphql`, roles: config.roles });
  stopOnSignals(platform.logger, async () => {
    platform.health.drain();
    await stopRoles(roles);
    await health?.close();
    await app.close();
    await platform.close();
  });
});
