import { loadConfig, runMain, stopOnSignals } from '@weft/engine';
import { startWorkerProcess } from './worker-process.js';

/** The background process: the roles selected by WEFT_ROLES (all but `api` by default). */
runMain('worker', async () => {
  const running = await startWorkerProcess(loadConfig(process.env));
  stopOnSignals(running.logger, () => running.stop());
});
