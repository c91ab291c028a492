import { InvalidInputError } from '@weft/domain';
import { derivedRunId } from '@weft/engine';

const MAX_KEY = 200;

/** The run a start with this idempotency key names: a client retrying the same start gets the same run. */
export function idempotentRunId(workspaceId: string, workflowId: string, key: string): string {
  if (!key || key.length > MAX_KEY || !/^[\x21-\x7e]+$/.test(key)) throw new InvalidInputError('idempotencyKey', `must be 1 to ${MAX_KEY} printable characters without spaces`);
  return derivedRunId('api', workspaceId, workflowId, key);
}
