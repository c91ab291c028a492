/**
 * KEYS[1] stream, ARGV[1] group, ARGV[2] consumer, ARGV[3..] entry ids.
 * Resets the idle time (XCLAIM … 0 … JUSTID: no delivery-count bump) of each
 * entry still pending for this consumer, atomically with the ownership check, so
 * a worker whose lease already went to another consumer never steals it back.
 * Returns the ids whose lease was extended.
 */
export const EXTEND_LEASE_SCRIPT = `
local extended = {}
for i = 3, #ARGV do
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if pending[1] and pending[1][2] == ARGV[2] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
    extended[#extended + 1] = ARGV[i]
  end
end
return extended
`;
