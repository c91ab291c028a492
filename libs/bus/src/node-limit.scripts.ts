/**
 * The scripts behind NodeLimiter, one lease-based counting semaphore per
 * (workspace, node type). Keys: KEYS[1] holders (sorted set: holder → lease
 * expiry, ms), KEYS[2] waiting (holder → its place in line: when its task was
 * scheduled, ms), KEYS[3] waiting-until (holder → when its place lapses, ms).
 * Time is Redis's own clock (TIME), one clock for every worker.
 */
const NOW_AND_SWEEP = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for _, lapsed in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
  redis.call('ZREM', KEYS[2], lapsed)
  redis.call('ZREM', KEYS[3], lapsed)
end
local function keep(key, ms)
  if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
end
`;

/**
 * ARGV: holder, limit, lease ms, place in line (ms), wait ms. Returns 1 when the
 * holder has a slot (now, or already), else 0 and the holder keeps its place in
 * line for `wait ms`: a free slot goes to the earliest waiters first, so a task
 * that came later cannot overtake one that keeps asking. Holders whose lease
 * lapsed (their worker died) and waiters that stopped asking are swept first.
 */
export const ACQUIRE_SLOT_SCRIPT = `${NOW_AND_SWEEP}
local holder, limit, lease, place, wait = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
if redis.call('ZSCORE', KEYS[1], holder) then
  redis.call('ZADD', KEYS[1], now + lease, holder)
  keep(KEYS[1], lease)
  return 1
end
redis.call('ZADD', KEYS[2], place, holder)
redis.call('ZADD', KEYS[3], now + wait, holder)
local free = limit - redis.call('ZCARD', KEYS[1])
if free > 0 and redis.call('ZRANK', KEYS[2], holder) < free then
  redis.call('ZREM', KEYS[2], holder)
  redis.call('ZREM', KEYS[3], holder)
  redis.call('ZADD', KEYS[1], now + lease, holder)
  keep(KEYS[1], lease)
  return 1
end
keep(KEYS[2], wait)
keep(KEYS[3], wait)
return 0
`;

/**
 * ARGV: holder, lease ms. Renews the holder's lease; a holder Redis forgot (a
 * FLUSHALL) is counted again, over the limit for a moment rather than uncounted.
 */
export const EXTEND_SLOT_SCRIPT = `${NOW_AND_SWEEP}
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
keep(KEYS[1], tonumber(ARGV[2]))
return 1
`;

/** ARGV: holder. Gives the slot back (and any place in line). */
export const RELEASE_SLOT_SCRIPT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`;
