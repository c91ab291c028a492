import type { RetryPolicy } from '../graph/graph.js';

/**
 * The wait before the attempt after `failedAttempt`, in ms: fixed or doubling
 * from `initialIntervalMs`, capped at `maxIntervalMs`, then shortened by up to
 * `jitter` of itself. The jitter is drawn from `seed` (the retry's timer id), so
 * deciding twice gives the same time — the decider stays pure and replayable.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, seed: string): number {
  const base = policy.backoff === 'fixed' ? policy.initialIntervalMs : policy.initialIntervalMs * 2 ** Math.min(failedAttempt - 1, 52);
  const capped = Math.min(base, policy.maxIntervalMs);
  return Math.round(capped * (1 - policy.jitter * unitHash(seed)));
}

/** FNV-1a of the string, mapped to [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}
