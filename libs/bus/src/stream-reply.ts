/** One stream entry as Redis returns it: an id and a flat [field, value, …] list (null once deleted, Redis < 7). */
export type RawStreamEntry = [id: string, fields: string[] | null];

/**
 * The entries of one stream in an XREAD/XREADGROUP reply. ioredis's typed
 * `xreadgroup` keeps the RESP2 shape `[[key, entries]]` under RESP3 with the default
 * `replyMapping: "legacy"`, but `redis.call('XREADGROUP', …)` returns the RESP3 map
 * flattened, `[key, entries]`: accept both.
 */
export function entriesOfStreamRead(reply: unknown, key: string): RawStreamEntry[] {
  if (!Array.isArray(reply)) return [];
  if (typeof reply[0] === 'string') return reply[0] === key && Array.isArray(reply[1]) ? (reply[1] as RawStreamEntry[]) : [];
  for (const pair of reply as unknown[]) {
    if (Array.isArray(pair) && pair[0] === key && Array.isArray(pair[1])) return pair[1] as RawStreamEntry[];
  }
  return [];
}

/** The value of `field` in an entry's flat field list, if present. */
export function fieldValue(fields: string[] | null, field: string): string | undefined {
  if (!fields) return undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === field) return fields[i + 1];
  return undefined;
}

/** Redis replies meaning "the stream or its consumer group is gone" (e.g. after FLUSHALL or a restart). */
export function isMissingGroupError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return message.startsWith('NOGROUP') || message.startsWith('UNBLOCKED');
}
