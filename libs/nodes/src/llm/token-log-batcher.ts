import { redactText } from '../credentials/redact.js';
import type { NodeLogger } from '../node-definition.js';

export type TokenLogBatcher = { push(text: string): void; flush(): void };

/**
 * Logs streamed text in batches (`tokens` info entries with `{ text }`), so watchers see it
 * live without one log entry per token: flushed when `maxChars` are waiting or `intervalMs`
 * after the first waiting chunk. `flush()` at the end; it also cancels the timer.
 *
 * Invariant: a secret the model echoes never ends up split across two entries (where the
 * worker's per-entry redaction could not see it): text that could be the start of one of
 * `secrets` is held back until the next batch, and whole secrets are replaced here.
 */
export function createTokenLogBatcher(log: NodeLogger, options: { intervalMs?: number; maxChars?: number; secrets?: readonly string[] } = {}): TokenLogBatcher {
  const intervalMs = options.intervalMs ?? 100;
  const maxChars = options.maxChars ?? 200;
  const secrets = options.secrets ?? [];
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const emit = (final: boolean): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const held = final ? 0 : heldBack(pending, secrets);
    const out = pending.slice(0, pending.length - held);
    pending = pending.slice(pending.length - held);
    if (out !== '') log.info('tokens', { text: redactText(out, secrets) });
    if (pending !== '') timer = setTimeout(() => emit(false), intervalMs);
  };
  return {
    push(text) {
      pending += text;
      if (pending.length >= maxChars) return emit(false);
      timer ??= setTimeout(() => emit(false), intervalMs);
    },
    flush: () => emit(true),
  };
}

/** The length of the longest end of `text` that begins a secret (so the secret may continue in the next chunk). */
function heldBack(text: string, secrets: readonly string[]): number {
  let longest = 0;
  for (const secret of secrets) {
    for (let length = Math.min(secret.length - 1, text.length); length > longest; length -= 1) {
      if (secret.startsWith(text.slice(text.length - length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
