import type { Redis } from 'ioredis';

/**
 * KEYS[1] stream, KEYS[2] dedup key, ARGV[1] task payload, ARGV[2] dedup TTL (s).
 * Adds the task unless a task with the same dedup key was added within the
 * TTL: both the worker that commits a step (fast path) and the relay (the
 * guarantee) publish every task, and only the first one lands. Atomic: the key
 * is never set without the entry.
 */
export const ENQUEUE_ONCE_SCRIPT = `
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then
  return redis.call('XADD', KEYS[1], '*', 'task', ARGV[1])
end
return false
`;

/** The script as a command of the connection (EVALSHA, loaded once; ioredis falls back to EVAL if Redis lost it). */
export type EnqueueOnceCommand = { weftEnqueueOnce(stream: string, dedupKey: string, payload: string, ttlSeconds: number): Promise<string | null> };

const defined = new WeakSet<Redis>();

export function defineEnqueueOnce(redis: Redis): void {
  if (defined.has(redis)) return;
  redis.defineCommand('weftEnqueueOnce', { numberOfKeys: 2, lua: ENQUEUE_ONCE_SCRIPT });
  defined.add(redis);
}
