import { DomainError } from '@weft/domain';
import type { Logger } from '../logger.js';

/**
 * Sends a command a reactor derived from the log. A domain refusal means the
 * target has moved on (the run ended, the node no longer waits, a replay): it
 * is logged, not thrown, so the reactor's checkpoint advances. Other errors
 * (the database is down…) are thrown, and the batch is read again.
 */
export async function unlessMovedOn(logger: Logger, what: string, context: Record<string, unknown>, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.info(what, { ...context, reason: error.message });
  }
}
