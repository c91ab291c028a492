import { runCli } from './cli.js';
import { processIo } from './io.js';

/** `weft …`: see cli.ts. `start` keeps the process running; every other command exits with its code. */
const outcome = await runCli(process.argv.slice(2), processIo());
if (outcome !== 'running') process.exit(outcome.exitCode);
