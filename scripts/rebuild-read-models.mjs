// `npm run rebuild-read-models`: drops the read models and rebuilds them from
// position 0 of the event store. Safe while Weft runs; a projector of this
// process helps (or stands by if another instance holds the lease).
import { createLogger, createPlatform, loadConfig, resetReadModels, startProjector, waitForReadModels } from '../libs/engine/dist/index.js';

const config = loadConfig(process.env);
const platform = await createPlatform(config, { logger: createLogger({ service: 'rebuild' }, { level: 'warn' }) });
await resetReadModels(platform.pool);
const projector = startProjector(platform);
let shown = -1;
await waitForReadModels(platform.pool, {
  onProgress(done, total) {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent !== shown) process.stdout.write(`\rrebuilding read models: ${percent}% (${done}/${total})`);
    shown = percent;
  },
});
process.stdout.write('\nread models rebuilt\n');
await projector.stop();
await platform.close();
