// `npm run rebuild-read-models` (also `weft rebuild-projections`): drops the read models
// and rebuilds them from position 0 of the event store. Safe while Weft runs; a projector
// of this process helps (or stands by if another instance holds the lease).
import { createLogger, createPlatform, loadConfig, rebuildReadModels } from '../libs/engine/dist/index.js';

const config = loadConfig(process.env);
const platform = await createPlatform(config, { logger: createLogger({ service: 'rebuild' }, { level: 'warn' }) });
let shown = -1;
await rebuildReadModels(platform, {
  onProgress(done, total) {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent !== shown) process.stdout.write(`\rrebuilding read models: ${percent}% (${done}/${total})`);
    shown = percent;
  },
});
process.stdout.write('\nread models rebuilt\n');
await platform.close();
