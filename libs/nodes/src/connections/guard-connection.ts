import { BlockedAddressError } from '../http/blocked-address-error.js';
import type { NodeServices } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';

/**
 * The address a node may open a TCP connection to for `host:port`, checked with the
 * worker's SSRF policy (`services.guardHost`, the allow-list of the guarded fetch).
 * A refused address fails the node (not retryable); a DNS failure may pass (retryable).
 */
export async function guardConnection(services: NodeServices, what: string, host: string, port: number): Promise<string> {
  if (!services.guardHost) throw new NodeExecutionError('EXECUTION', `${what}: this worker has no host guard, so it opens no connections`, false);
  try {
    return await services.guardHost(host, port);
  } catch (error) {
    if (error instanceof BlockedAddressError) throw new NodeExecutionError('EXECUTION', `${what}: ${error.message}`, false, { cause: error });
    throw new NodeExecutionError('EXECUTION', `${what}: ${error instanceof Error ? error.message : String(error)}`, true, { cause: error });
  }
}

/** A promise that rejects when `signal` fires: raced against calls that take no signal. */
export function abortion(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(new NodeExecutionError('ABORTED', 'The node was aborted', false));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}
