import 'reflect-metadata';
import { ConfigError, createPlatform, loadConfig, startRoles, stopRoles } from '@weft/engine';
import { createApi } from './create-api.js';

/** The API process. With WEFT_ROLES including background roles it also runs them (one-process development mode). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const platform = await createPlatform(config);
  const app = await createApi(platform);
  const roles = startRoles(platform, config.roles);
  await app.listen(config.port, '0.0.0.0');
  platform.logger.info('api listening', { url: `http://localhost:${config.port}/graphql`, roles: config.roles });
  const shutdown = async (signal: string) => {
    platform.logger.info('shutting down', { signal });
    await stopRoles(roles);
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`weft api: ${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
