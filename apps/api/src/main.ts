import { loadConfig, runMain, stopOnSignals } from '@weft/engine';
import { startApiProcess } from './api-process.js';

/** The API process. With WEFT_ROLES including background roles it also runs them (one-process development mode). */
runMain('api', async () => {
  const running = await startApiProcess(loadConfig(process.env));
  stopOnSignals(running.logger, () => running.stop());
});
