import { createLogger, createPlatform, startRoles, stopRoles } from '@weft/engine';
import { createApi } from '../../../api/src/create-api.js';
import { testConfig } from '../../../api/src/e2e/harness.js';

export type Api = { origin: string; close(): Promise<void> };

/**
 * The API and every background role in this process, on a given port: the web build
 * bakes its proxy target in, so the port is chosen before the build (see scripts/test.mjs).
 */
export async function startApi(env: Record<string, string>, port: number): Promise<Api> {
  const platform = await createPlatform(testConfig(env), { readModels: true, logger: createLogger({ service: 'web-e2e' }, { silent: true }) });
  const app = await createApi(platform);
  await app.listen(port, '127.0.0.1');
  const handles = startRoles(platform, ['worker', 'relay', 'projector', 'scheduler']);
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await stopRoles(handles);
      await app.close();
      await platform.close();
    },
  };
}
