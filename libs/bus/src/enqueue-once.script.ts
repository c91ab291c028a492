import type { Redis } from 'ioredis';

/**
 * KEYS: stream, dedup key, stream, dedup key, … (one pair per task);
 * ARGV[1] dedup TTL (s), ARGV[2…] the task payloads in the same order.
 * Adds each task unless a task with the same dedup key was added within the
 * TTL: both the process that commits a step (fast path) and the relay (the
 * guarantee) publish every task, and only the first one lands. Atomic per
 * task: a key is never set without its entry. Returns how many were added.
 * One call for a whole batch keeps the relay's cost per task low.
 */
export const ENQUEUE_ONCE_SCRIPT = `
local added = 0
for i = 1, #KEYS, 2 do
  if redis.call('SET', KEYS[i + 1], '1', 'NX', 'EX', ARGV[1]) then
    redis.call('XADD', KEYS[i], '*', 'task', ARGV[(i + 1) / 2 + 1])
    added = added + 1
  end
end
return added
`;

/** The script as a command of the connection (EVALSHA, loaded once; ioredis falls back to EVAL if Redis lost it). */
export type EnqueueOnceCommand = { weftEnqueueOnce(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number> };

const defined = new WeakSet<Redis>();

export function defineEnqueueOnce(redis: Redis): void {
  if (defined.has(redis)) return;
  redis.defineCommand('weftEnqueueOnce', { lua: ENQUEUE_ONCE_SCRIPT });
  defined.add(redis);
}
