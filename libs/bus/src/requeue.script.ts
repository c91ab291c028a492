/**
 * KEYS[1] stream; ARGV[1] group, ARGV[2] entry id, ARGV[3] task payload.
 * Hands a taken task back to the end of its queue: adds it again and drops the
 * old entry (XACK + XDEL) in one step, so it is never lost nor doubled. Only
 * while the entry is still pending (a lease another consumer took over wins).
 * Returns the new entry id, or false when the entry was no longer pending.
 */
export const REQUEUE_SCRIPT = `
if #redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1) == 0 then return false end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return redis.call('XADD', KEYS[1], '*', 'task', ARGV[3])
`;
