/** How deliveries are retried: attempts in all, the wait after the first failure (doubling), the longest wait. */
export type DeliveryRetry = { maxAttempts: number; retryMs: number; maxRetryMs: number };

/**
 * The wait after failed attempt `attempt` (1-based): `retryMs` doubling per attempt, capped
 * at `maxRetryMs`, then shortened by up to a quarter at random (`random` in [0, 1)) so that
 * deliveries failing together (an endpoint down) do not all come back at the same moment.
 */
export function retryDelayMs(retry: DeliveryRetry, attempt: number, random: number): number {
  const capped = Math.min(retry.maxRetryMs, retry.retryMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  return Math.round(capped * (1 - 0.25 * random));
}
