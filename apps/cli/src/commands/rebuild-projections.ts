import { createLogger, createPlatform, loadConfig, rebuildReadModels } from '@weft/engine';
import type { Io } from '../io.js';

/** `weft rebuild-projections` (as `npm run rebuild-read-models`): rebuilds the read models from the event store; safe while Weft runs. */
export async function rebuildProjections(io: Io): Promise<void> {
  const config = loadConfig(io.env);
  const platform = await createPlatform(config, { nodes: false, logger: createLogger({ service: 'rebuild' }, { level: 'warn' }) });
  try {
    let shown = -1;
    await rebuildReadModels(platform, {
      onProgress(done, total) {
        const percent = total ? Math.floor((done / total) * 100) : 100;
        // A terminal sees the percentage move; a log gets a line per tenth.
        if (io.isTTY && percent !== shown) io.out(`\rrebuilding read models: ${percent}% (${done}/${total})`);
        else if (!io.isTTY && Math.floor(percent / 10) !== Math.floor(shown / 10)) io.out(`rebuilding read models: ${percent}% (${done}/${total})\n`);
        shown = percent;
      },
    });
  } finally {
    await platform.close();
  }
  io.out(`${io.isTTY ? '\n' : ''}read models rebuilt\n`);
}
