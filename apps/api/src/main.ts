import 'reflect-metadata';
import { createPlatform, loadConfig, runMain, startRoles, stopOnSignals, stopRoles } from '@weft/engine';
import { createApi } from './create-api.js';

/** The API process. With WEFT_ROLES including background roles it also runs them (one-process development mode). */
runMain('api', async () => {
  const config = loadConfig(process.env);
  const platform = await createPlatform(config, { readModels: true });
  const app = await createApi(platform);
  const roles = startRoles(platform, config.roles);
  await app.listen(config.port, '0.0.0.0');
  platform.logger.info('api listening', { url: `http://localhost:${config.port}/graphql`, roles: config.roles });
  stopOnSignals(platform.logger, async () => {
    await stopRoles(roles);
    await app.close();
    await platform.close();
  });
});
