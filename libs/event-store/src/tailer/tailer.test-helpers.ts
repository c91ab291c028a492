import type { StoredEvent } from '../types.js';
import type { TailerLogger } from './tailer.types.js';

/** Polls `condition` every 10 ms until it holds, or fails after `timeoutMs` with `what`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A logger that keeps what it is told, for assertions and quiet test output. */
export function memoryLogger(): TailerLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

/** The events of `streams` only (a test database's log holds other tests' events too). */
export const ofStreams = (events: StoredEvent[], prefix: string): StoredEvent[] => events.filter((e) => e.streamId.startsWith(prefix));

/** A handler that appends the events of streams starting with `prefix` to `into`. */
export const collectInto =
  (into: StoredEvent[], prefix: string) =>
  (events: StoredEvent[]): Promise<void> => {
    into.push(...ofStreams(events, prefix));
    return Promise.resolve();
  };
