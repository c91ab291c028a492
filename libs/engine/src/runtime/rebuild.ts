import { resetReadModels, waitForReadModels } from '../projection/rebuild-read-models.js';
import type { Platform } from './platform.js';
import { startProjector } from './roles.js';

/**
 * Drops the read models and rebuilds them from position 0 of the event store, with a
 * projector of this process (which helps, or stands by while another instance holds the
 * lease). Safe while Weft runs. `onProgress`: positions done of the log as it was at the start.
 */
export async function rebuildReadModels(platform: Platform, options: { onProgress?: (done: number, total: number) => void; timeoutMs?: number } = {}): Promise<void> {
  await resetReadModels(platform.pool);
  const projector = startProjector(platform);
  try {
    await waitForReadModels(platform.pool, options);
  } finally {
    await projector.stop();
  }
}
