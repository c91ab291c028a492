import { ConfigError, StartupError } from '../config/weft-config.js';
import type { Logger } from '../logger.js';

/** A started program (the API or the background roles): `stop` hands back work in flight and closes its connections. */
export type RunningProcess = { logger: Logger; stop(): Promise<void> };

/**
 * Stops the process cleanly on SIGTERM or SIGINT: `stop` hands back work in
 * flight and closes connections, then the process exits 0.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    try {
      await stop();
      process.exit(0);
    } catch (error) {
      logger.error('shutdown failed', { error: String(error) });
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** Runs a process's `main`; a start-up failure prints one line (a bad setting, an unreachable dependency) or the stack (a bug), and exits 1. */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const detail = error instanceof ConfigError || error instanceof StartupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`weft ${name}: ${detail}`);
    process.exit(1);
  });
}
