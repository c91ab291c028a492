import { InvalidInputError } from '@weft/domain';
import { derivedRunId } from '@weft/engine';

const MAX_KEY = 200;

/** The event an emit with this idempotency key records: a client retrying the same emit records one event, once. */
export function idempotentEventId(workspaceId: string, key: string): string {
  if (!key || key.length > MAX_KEY || !/^[\x21-\x7e]+$/.test(key)) throw new InvalidInputError('idempotencyKey', `must be 1 to ${MAX_KEY} printable characters without spaces`);
  return derivedRunId('event', workspaceId, key);
}
